import { escapeUntrusted, fillTemplate, type PromptTemplates } from './prompts.js';

/** Plain-text chat messages: a subset of the openai type that the fake server and tests can read. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptInput {
  title: string | null;
  /** The paragraphs sent (the whole article, or the lead and the densest paragraphs). */
  paragraphs: string[];
  /** Indices of `paragraphs` in the full article, to mark where text was left out. */
  positions: number[];
  totalParagraphs: number;
  /** Output language as a name ("German"); null = the article's own. */
  languageName: string | null;
}

const OMITTED = '[...]';

export function articleBody(
  input: Pick<PromptInput, 'paragraphs' | 'positions' | 'totalParagraphs'>,
): string {
  const parts: string[] = [];
  input.paragraphs.forEach((p, i) => {
    const pos = input.positions[i] ?? i;
    const prev = i === 0 ? -1 : (input.positions[i - 1] ?? i - 1);
    if (pos > prev + 1) parts.push(OMITTED);
    parts.push(escapeUntrusted(p));
  });
  const last = input.positions[input.positions.length - 1] ?? input.paragraphs.length - 1;
  if (last < input.totalParagraphs - 1) parts.push(OMITTED);
  return parts.join('\n\n');
}

export function buildMessages(prompts: PromptTemplates, input: PromptInput): ChatMessage[] {
  const partial = input.paragraphs.length < input.totalParagraphs;
  const system = fillTemplate(prompts.system, {
    language: input.languageName ? `in ${input.languageName}` : 'in the language of the article',
  });
  const user = fillTemplate(prompts.user, {
    title: escapeUntrusted(input.title ?? '(untitled)'),
    article: articleBody(input),
    partial_note: partial
      ? ` The article is long: you get its opening and its most informative paragraphs; ${OMITTED} marks text left out. Never quote ${OMITTED}.`
      : '',
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** The follow-up for the single repair attempt: our own words only, the article is not repeated. */
export function repairMessages(original: ChatMessage[], reply: string, problem: string): ChatMessage[] {
  return [
    ...original,
    // The reply is truncated: a runaway answer must not double the cost of the repair.
    { role: 'assistant', content: reply.slice(0, 4000) },
    {
      role: 'user',
      content: `That reply cannot be used: ${problem}. Reply again with only the JSON object that matches the response schema, following all the rules.`,
    },
  ];
}
