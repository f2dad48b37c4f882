import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StoreConfig } from './config.js';
import { BriefError, userMessageOf } from './errors.js';
import type { Store, UsageLedger, UsageTotals } from './store/store.js';

/**
 * `brief usage`: what the LLM cost, per UTC day and per caller (a Slack or Discord channel, the
 * CLI, the digest), from the token ledger in the store.
 */

export const USAGE_REPORT_HELP = `Usage:
  brief usage [--since YYYY-MM-DD] [--json]   token usage of the LLM engine per day and per caller`;

export interface UsageReportOptions {
  sinceDay?: string;
  json?: boolean;
}

type Totals = Omit<UsageTotals, 'day' | 'caller'>;
const zero = (): Totals => ({ calls: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0 });
const add = (a: Totals, b: Totals): Totals => ({
  calls: a.calls + b.calls,
  cacheHits: a.cacheHits + b.cacheHits,
  promptTokens: a.promptTokens + b.promptTokens,
  completionTokens: a.completionTokens + b.completionTokens,
});

const HEADERS = ['day', 'caller', 'calls', 'cache hits', 'prompt tokens', 'completion tokens'];
const fmt = (n: number) => n.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  // Text columns left-aligned, numbers right-aligned.
  return rows
    .map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n')
    .replace(/ +$/gm, '');
}

const cells = (day: string, caller: string, t: Totals) => [
  day,
  caller,
  fmt(t.calls),
  fmt(t.cacheHits),
  fmt(t.promptTokens),
  fmt(t.completionTokens),
];

export function formatUsageReport(rows: UsageTotals[]): string {
  if (rows.length === 0) return 'No LLM usage recorded yet.';
  const out: string[][] = [HEADERS];
  const perCaller = new Map<string, Totals>();
  let total = zero();
  const days = [...new Set(rows.map((r) => r.day))];
  for (const day of days) {
    let dayTotal = zero();
    for (const r of rows.filter((x) => x.day === day)) {
      out.push(cells(day, r.caller, r));
      dayTotal = add(dayTotal, r);
      perCaller.set(r.caller, add(perCaller.get(r.caller) ?? zero(), r));
    }
    out.push(cells(day, '(all callers)', dayTotal));
    total = add(total, dayTotal);
  }
  const callers: string[][] = [HEADERS];
  for (const [caller, t] of [...perCaller].sort((a, b) => b[1].promptTokens - a[1].promptTokens)) {
    callers.push(cells('all days', caller, t));
  }
  callers.push(cells('all days', '(all callers)', total));
  return `Per day (UTC):\n${table(out)}\n\nPer caller:\n${table(callers)}`;
}

export async function usageReport(ledger: UsageLedger, options: UsageReportOptions = {}): Promise<string> {
  const rows = await ledger.usageTotals({ sinceDay: options.sinceDay });
  return options.json ? JSON.stringify(rows, null, 2) : formatUsageReport(rows);
}

/** Parses `usage` arguments (after the word "usage"); mistakes are BriefErrors with code 'usage'. */
export function parseUsageArgs(argv: string[]): UsageReportOptions & { help?: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        since: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new BriefError('usage', (err as Error).message);
  }
  const { since, json, help } = parsed.values;
  if (since !== undefined && !isCalendarDay(since)) {
    throw new BriefError('usage', `--since must be a date like 2026-01-31 (got "${since}").`);
  }
  return { sinceDay: since, json: json ?? false, help: help ?? false };
}

export interface UsageCommandDeps {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where the store is; a missing SQLite file (BRIEF_DB) means nothing was recorded, and is not created. */
  store: Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>;
  openStore: (config: Pick<StoreConfig, 'path' | 'databaseUrl' | 'poolMax'>) => Promise<Store>;
}

/** `brief usage ...`: returns the exit code. */
export async function runUsageCommand(argv: string[], deps: UsageCommandDeps): Promise<number> {
  let options;
  try {
    options = parseUsageArgs(argv);
  } catch (err) {
    deps.err(`brief: ${userMessageOf(err)}`);
    deps.err(USAGE_REPORT_HELP);
    return 2;
  }
  if (options.help) {
    deps.out(USAGE_REPORT_HELP);
    return 0;
  }
  const { path, databaseUrl } = deps.store;
  if (!databaseUrl && path !== ':memory:' && !existsSync(path)) {
    deps.out(options.json ? '[]' : 'No LLM usage recorded yet.');
    return 0;
  }
  // One query: a pool of one is enough.
  const store = await deps.openStore({ ...deps.store, poolMax: 1 });
  try {
    deps.out(await usageReport(store, options));
    return 0;
  } finally {
    await store.close();
  }
}

/** YYYY-MM-DD naming a day that exists: 2028-02-29 does, 2026-02-30 and 2026-13-01 do not. */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March: a real day survives the round trip unchanged.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
