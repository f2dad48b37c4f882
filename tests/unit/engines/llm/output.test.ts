import { describe, expect, it } from 'vitest';
import { MODEL_OUTPUT_JSON_SCHEMA, parseModelOutput } from '../../../../src/engines/llm/output.js';

const count = (s: string) => s.split(/(?<=[.!?])\s+/).filter(Boolean).length;
const valid = {
  headline: 'Council approves budget',
  summary: ['The council approved the budget.', 'It takes effect in May.'],
  keyFacts: [{ text: 'Budget approved', quote: 'the council approved the budget' }],
};

describe('model output validation', () => {
  it('accepts the Brief field names', () => {
    expect(parseModelOutput(JSON.stringify(valid), count)).toEqual({ ok: true, value: valid });
  });

  it('accepts JSON wrapped in a Markdown fence (local models do that)', () => {
    expect(parseModelOutput('```json\n' + JSON.stringify(valid) + '\n```', count).ok).toBe(true);
  });

  it.each([
    ['invalid JSON', '{"headline": "x", "summary": [', /not valid JSON/],
    ['extra keys', JSON.stringify({ ...valid, sentiment: 'good' }), /sentiment/],
    ['empty facts', JSON.stringify({ ...valid, keyFacts: [] }), /keyFacts/],
    [
      'an empty quote',
      JSON.stringify({ ...valid, keyFacts: [{ text: 'x', quote: ' ' }] }),
      /keyFacts\.0\.quote/,
    ],
    ['four summary items', JSON.stringify({ ...valid, summary: ['A.', 'B.', 'C.', 'D.'] }), /summary/],
    [
      'a 10-sentence summary in one item',
      JSON.stringify({
        ...valid,
        summary: [Array.from({ length: 10 }, (_, i) => `Sentence ${i}.`).join(' ')],
      }),
      /10 sentences/,
    ],
    ['a missing field', JSON.stringify({ headline: 'x', summary: ['y.'] }), /keyFacts/],
  ])('rejects %s with a short reason', (_name, content, reason) => {
    const result = parseModelOutput(content, count);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(reason);
  });

  it('asks for the strict subset every structured-output server accepts', () => {
    const schema = JSON.stringify(MODEL_OUTPUT_JSON_SCHEMA);
    expect(schema).not.toMatch(/minItems|maxItems|minLength|maxLength/);
    expect(MODEL_OUTPUT_JSON_SCHEMA.additionalProperties).toBe(false);
    expect(MODEL_OUTPUT_JSON_SCHEMA.properties.keyFacts.items.additionalProperties).toBe(false);
  });
});
