import { z } from 'zod';
import { KEY_FACTS_MAX, SUMMARY_MAX_SENTENCES, SUMMARY_MAX_WORDS } from '../../brief.js';

/**
 * What the model must return: the Brief's own field names, nothing else. Requested with the
 * JSON-schema response format and validated here again, because local servers may ignore the
 * schema and even OpenAI's strict mode does not enforce counts.
 */
export const ModelOutputSchema = z.strictObject({
  headline: z.string().trim().min(1).max(200),
  summary: z.array(z.string().trim().min(1)).min(1).max(SUMMARY_MAX_SENTENCES),
  keyFacts: z
    .array(
      z.strictObject({ text: z.string().trim().min(1).max(400), quote: z.string().trim().min(1).max(800) }),
    )
    .min(1)
    .max(KEY_FACTS_MAX),
});
export type ModelOutput = z.infer<typeof ModelOutputSchema>;

/** Some slack over the Brief's 80 words: grounding may still drop a sentence. */
const SUMMARY_WORDS_LIMIT = Math.round(SUMMARY_MAX_WORDS * 1.5);

/**
 * The response format's schema, written by hand in the subset every structured-output
 * implementation accepts in strict mode (all fields required, no additional properties, no length
 * or count keywords: counts go in descriptions and are checked by zod).
 */
export const MODEL_OUTPUT_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['headline', 'summary', 'keyFacts'],
  properties: {
    headline: { type: 'string', description: 'A plain headline of at most 12 words.' },
    summary: {
      type: 'array',
      description: `1 to ${SUMMARY_MAX_SENTENCES} sentences, one per item, ${SUMMARY_MAX_WORDS} words in total at most.`,
      items: { type: 'string' },
    },
    keyFacts: {
      type: 'array',
      description: `3 to ${KEY_FACTS_MAX} key facts, most important first (fewer only if the article is very short).`,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'quote'],
        properties: {
          text: { type: 'string', description: 'The fact in a few words, for a reader in a hurry.' },
          quote: {
            type: 'string',
            description: 'A passage copied character for character from the article that supports the fact.',
          },
        },
      },
    },
  },
} as const;

export type ParseResult = { ok: true; value: ModelOutput } | { ok: false; problem: string };

/**
 * Parses and validates a reply. `problem` is a short description for the repair request and the
 * logs; it never quotes the reply back.
 */
export function parseModelOutput(content: string, countSentences: (text: string) => number): ParseResult {
  // Local models often wrap JSON in a Markdown code fence despite the response format.
  const body = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the reply was not valid JSON' };
  }
  const parsed = ModelOutputSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`);
    return { ok: false, problem: `the JSON did not match the schema (${issues.join('; ')})` };
  }
  const sentences = parsed.data.summary.reduce((n, s) => n + Math.max(1, countSentences(s)), 0);
  if (sentences > SUMMARY_MAX_SENTENCES) {
    return {
      ok: false,
      problem: `summary has ${sentences} sentences; at most ${SUMMARY_MAX_SENTENCES} are allowed`,
    };
  }
  const words = parsed.data.summary.join(' ').split(/\s+/).filter(Boolean).length;
  if (words > SUMMARY_WORDS_LIMIT) {
    return { ok: false, problem: `summary has ${words} words; keep it under ${SUMMARY_MAX_WORDS}` };
  }
  return { ok: true, value: parsed.data };
}
