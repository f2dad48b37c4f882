/**
 * Scoring for bench:extract, in the manner of trafilatura's evaluation: each page has a few
 * snippets the main text must contain ("with") and a few it must not ("without"). We score at the
 * token level: a snippet's tokens count as found when they appear as one contiguous run in the
 * extracted text, so a snippet cut at a paragraph edge or with different punctuation earns
 * partial credit instead of all or nothing. Short runs are ignored (common words would match by
 * chance), so a snippet shorter than MIN_RUN tokens is found only whole.
 *
 *   tp = tokens of "with" snippets found      fn = tokens of "with" snippets missed
 *   fp = tokens of "without" snippets found   tn = tokens of "without" snippets absent
 *
 * The snippet-level counts trafilatura itself reports (whitespace-normalised substring match) are
 * kept beside them, for comparison with its published tables.
 */
export const MIN_RUN = 4;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface PageScore {
  tokens: Counts;
  snippets: Counts;
  /** The "with" snippets not found whole and the "without" snippets found (any part): for tuning. */
  missed: string[];
  leaked: string[];
}

// Soft hyphens and zero-width characters are invisible: "Werk\u00ADzeug" is one word to a reader.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

export function tokenize(text: string): string[] {
  return (
    text
      .replace(INVISIBLE, '')
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Positions of each token in the extracted text, built once per page. */
export type TokenIndex = { tokens: string[]; at: Map<string, number[]> };

export function indexTokens(text: string): TokenIndex {
  const tokens = tokenize(text);
  const at = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = at.get(t);
    if (list) list.push(i);
    else at.set(t, [i]);
  });
  return { tokens, at };
}

/** Length of the longest run of `snippet` tokens found contiguously in the text (0 when too short). */
export function foundRun(snippet: string[], index: TokenIndex): number {
  let best = 0;
  for (let s = 0; s < snippet.length && snippet.length - s > best; s++) {
    for (const p of index.at.get(snippet[s] ?? '') ?? []) {
      let n = 1;
      while (s + n < snippet.length && index.tokens[p + n] === snippet[s + n]) n++;
      if (n > best) best = n;
    }
  }
  return best === snippet.length || best >= MIN_RUN ? best : 0;
}

const norm = (s: string) => s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

export function scorePage(
  extracted: string,
  expected: readonly string[],
  unwanted: readonly string[],
): PageScore {
  const index = indexTokens(extracted);
  const flat = norm(extracted);
  const score: PageScore = {
    tokens: { tp: 0, fp: 0, fn: 0, tn: 0 },
    snippets: { tp: 0, fp: 0, fn: 0, tn: 0 },
    missed: [],
    leaked: [],
  };
  for (const snippet of expected) {
    const tokens = tokenize(snippet);
    const run = foundRun(tokens, index);
    score.tokens.tp += run;
    score.tokens.fn += tokens.length - run;
    if (flat.includes(norm(snippet))) score.snippets.tp++;
    else score.snippets.fn++;
    if (run < tokens.length) score.missed.push(snippet);
  }
  for (const snippet of unwanted) {
    const tokens = tokenize(snippet);
    const run = foundRun(tokens, index);
    score.tokens.fp += run;
    score.tokens.tn += tokens.length - run;
    if (flat.includes(norm(snippet))) score.snippets.fp++;
    else score.snippets.tn++;
    if (run > 0) score.leaked.push(snippet);
  }
  return score;
}

export function addCounts(into: Counts, more: Counts): void {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
  into.tn += more.tn;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  return { precision, recall, f1 };
}

/** Nearest-rank percentile of a list of numbers (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/** FNV-1a: a stable split of the pages by file name, the same on every machine. */
export function splitOf(file: string): 'tune' | 'check' {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) {
    h ^= file.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'tune' : 'check';
}
