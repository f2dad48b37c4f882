import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file: never a machine path. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface EvalItem {
  id: string;
  article: string;
  summary: string;
}

/** ../shared/eval/cnn-dev.jsonl next to the repository (BRIEF_BENCH_DATA overrides). */
export function loadEvalItems(limit: number, path?: string): EvalItem[] {
  const file = path ?? resolve(REPO_ROOT, '../shared/eval/cnn-dev.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, limit);
  return lines.map((l) => JSON.parse(l) as EvalItem);
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
