/**
 * Extraction quality: how much of each evaluation page's main text our ingest keeps (recall) and
 * how much boilerplate it lets through (precision), beside plain Readability in the same run.
 *
 *   npm run bench:extract -- [--data DIR] [--split tune|check] [--limit N] [--only TEXT] [--details]
 *   npm run bench:extract -- --setup TRAFILATURA_CHECKOUT
 *
 * Plain Readability is @mozilla/readability over linkedom with default options and its
 * textContent: no cleaning of ours. Both read the same decoded HTML. Pages are split in two by a
 * hash of their file name: rules were tuned looking at `tune` only; `check` is the held-out half.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { resolve } from 'node:path';
import { articleText } from '../src/article.js';
import { isBriefError } from '../src/errors.js';
import { decodeBytes } from '../src/ingest/decode.js';
import type { Removed } from '../src/ingest/boilerplate.js';
import { extractHtml } from '../src/ingest/extract-html.js';
import {
  DEFAULT_EXTRACT_DATA,
  loadEvalPages,
  readPage,
  setupFromCheckout,
  SETUP_HELP,
} from './lib/extract-data.js';
import {
  addCounts,
  percentile,
  prf,
  scorePage,
  splitOf,
  type Counts,
  type PageScore,
} from './lib/extract-score.js';

const USAGE = `Usage: npm run bench:extract -- [--data DIR] [--split tune|check] [--limit N] [--only TEXT] [--details]
       npm run bench:extract -- --setup TRAFILATURA_CHECKOUT

${SETUP_HELP}`;

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const key = argv[i] ?? '';
  if (key === '--help' || key === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  if (key === '--details') args.set('details', '1');
  else if (key.startsWith('--') && argv[i + 1] !== undefined) args.set(key.slice(2), argv[++i] ?? '');
  else {
    console.error(`Unexpected argument "${key}".\n\n${USAGE}`);
    process.exit(2);
  }
}

const dataDir = args.has('data') ? resolve(process.cwd(), args.get('data') ?? '') : DEFAULT_EXTRACT_DATA;
const setup = args.get('setup');
if (setup !== undefined) {
  const copied = setupFromCheckout(resolve(process.cwd(), setup), dataDir);
  console.log(`Copied ${copied} pages and the annotations to ${dataDir}.`);
  process.exit(0);
}

type Split = 'tune' | 'check';
const onlySplit = args.get('split') as Split | undefined;
const only = args.get('only');
const limit = args.has('limit') ? Number(args.get('limit')) : Infinity;
const pages = loadEvalPages(dataDir)
  .filter((p) => (onlySplit ? splitOf(p.file) === onlySplit : true))
  .filter((p) => (only ? p.file.includes(only) || p.url.includes(only) : true))
  .slice(0, limit);

function plainReadability(html: string): string {
  // Readability's DOM types are `any` without lib "dom"; linkedom's document is what it needs.
  const { document } = parseHTML(html) as unknown as { document: object };
  return new Readability(document).parse()?.textContent ?? '';
}

interface Run {
  text: string;
  ms: number;
  verdict: string;
  note?: string;
}

// What ingestBytes does with an HTML response, with the removed lines kept for the rule table.
function runOurs(bytes: Buffer, url: string, removed: Removed[]): Run {
  const started = performance.now();
  try {
    const article = extractHtml(
      decodeBytes(bytes, { contentType: 'text/html', html: true }).text,
      url,
      removed,
    );
    const ms = performance.now() - started;
    return {
      text: articleText(article),
      ms,
      verdict: article.extraction.status,
      note: article.extraction.note,
    };
  } catch (err) {
    const ms = performance.now() - started;
    return { text: '', ms, verdict: isBriefError(err) ? err.code : 'crash' };
  }
}

function runPlain(bytes: Buffer): Run {
  const started = performance.now();
  try {
    const text = plainReadability(decodeBytes(bytes, { html: true }).text);
    return { text, ms: performance.now() - started, verdict: text ? 'text' : 'empty' };
  } catch {
    return { text: '', ms: performance.now() - started, verdict: 'crash' };
  }
}

const SYSTEMS = ['readability (plain)', 'brief ingest'] as const;
type System = (typeof SYSTEMS)[number];
interface Tally {
  tokens: Counts;
  snippets: Counts;
  ms: number[];
}
const empty = (): Tally => ({
  tokens: { tp: 0, fp: 0, fn: 0, tn: 0 },
  snippets: { tp: 0, fp: 0, fn: 0, tn: 0 },
  ms: [],
});
const tallies = new Map<string, Tally>();
const tally = (split: string, system: System) => {
  const key = `${split}\t${system}`;
  if (!tallies.has(key)) tallies.set(key, empty());
  return tallies.get(key) ?? empty();
};
const verdicts = new Map<string, number>();
const rules = new Map<string, { lines: number; wanted: number; unwanted: number }>();
const notable: string[] = [];
let fallbacks = 0;

const started = performance.now();
for (const page of pages) {
  const bytes = readPage(page, dataDir);
  const split = splitOf(page.file);
  const removed: Removed[] = [];
  const runs: Record<System, Run> = {
    'readability (plain)': runPlain(bytes),
    'brief ingest': runOurs(bytes, page.url, removed),
  };
  const scores = {} as Record<System, PageScore>;
  for (const system of SYSTEMS) {
    const run = runs[system];
    const score = scorePage(run.text, page.expected, page.unwanted);
    scores[system] = score;
    for (const t of [tally(split, system), tally('all', system)]) {
      addCounts(t.tokens, score.tokens);
      addCounts(t.snippets, score.snippets);
      t.ms.push(run.ms);
    }
  }
  const ours = runs['brief ingest'];
  // A removed line counts against a rule only for text the output then lacks (a repeated line's
  // first copy stays), and for it when the unwanted text is gone from the output.
  const missed = scores['brief ingest'].missed;
  const absent = page.unwanted.filter((u) => !scores['brief ingest'].leaked.includes(u));
  for (const { rule, text } of removed) {
    const harm = scorePage(text, missed, []).tokens.tp;
    const gain = scorePage(text, [], absent).tokens.fp;
    const r = rules.get(rule) ?? { lines: 0, wanted: 0, unwanted: 0 };
    rules.set(rule, { lines: r.lines + 1, wanted: r.wanted + harm, unwanted: r.unwanted + gain });
    if (args.has('details') && harm > 0)
      console.log(`  removed by ${rule}: ${JSON.stringify(text.slice(0, 100))}`);
  }
  verdicts.set(ours.verdict, (verdicts.get(ours.verdict) ?? 0) + 1);
  if (ours.note?.includes('Extracted by density fallback')) fallbacks++;
  if (ours.verdict === 'unsupported' || ours.verdict === 'no_content' || ours.verdict === 'crash') {
    notable.push(`  ${ours.verdict}: ${page.file}`);
  }
  if (args.has('details')) {
    const s = scores['brief ingest'];
    const base = scores['readability (plain)'];
    const line = (label: string, list: string[]) =>
      list.length ? `\n    ${label}: ${list.map((x) => JSON.stringify(x.slice(0, 70))).join(' | ')}` : '';
    console.log(
      `${split} ${page.file} [${ours.verdict}${ours.note ? `: ${ours.note.slice(0, 60)}` : ''}] ` +
        `ours tp ${s.tokens.tp} fp ${s.tokens.fp} | plain tp ${base.tokens.tp} fp ${base.tokens.fp}` +
        line('missed', s.missed) +
        line('leaked', s.leaked),
    );
  }
}

const f = (v: number) => v.toFixed(3);
const pageCount = (split: string) =>
  split === 'all' ? pages.length : pages.filter((p) => splitOf(p.file) === split).length;
console.log(
  `\nbench:extract: ${pages.length} pages from ${dataDir}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  'token-level P/R/F1 (snippet-level, as trafilatura counts, in brackets); ms per page incl. decoding',
);
console.log(
  `${'split'.padEnd(6)} ${'system'.padEnd(20)} ${'pages'.padStart(5)}  precision  recall     F1      [snippet P / R / F1]    ms p50   ms p99`,
);
for (const split of ['tune', 'check', 'all']) {
  if (!tallies.has(`${split}\t${SYSTEMS[0]}`)) continue;
  const rows = SYSTEMS.map((system) => {
    const t = tally(split, system);
    return {
      system,
      tok: prf(t.tokens),
      snip: prf(t.snippets),
      p50: percentile(t.ms, 50),
      p99: percentile(t.ms, 99),
    };
  });
  for (const r of rows) {
    console.log(
      `${split.padEnd(6)} ${r.system.padEnd(20)} ${String(pageCount(split)).padStart(5)}  ${f(r.tok.precision).padStart(9)}  ${f(r.tok.recall).padStart(6)}  ${f(r.tok.f1).padStart(6)}    [${f(r.snip.precision)} / ${f(r.snip.recall)} / ${f(r.snip.f1)}]  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}`,
    );
  }
  const [plain, ours] = rows;
  if (plain && ours) {
    const d = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
    console.log(
      `${split.padEnd(6)} ${'delta (ours - plain)'.padEnd(20)} ${''.padStart(5)}  ${d(ours.tok.precision - plain.tok.precision).padStart(9)}  ${d(ours.tok.recall - plain.tok.recall).padStart(6)}  ${d(ours.tok.f1 - plain.tok.f1).padStart(6)}`,
    );
  }
}
console.log(
  '\nboilerplate lines removed by rule: lines, tokens of expected text (harm), of unwanted text (gain)',
);
for (const [rule, r] of [...rules.entries()].sort((a, b) => b[1].lines - a[1].lines)) {
  console.log(
    `  ${rule.padEnd(16)} ${String(r.lines).padStart(6)} ${String(r.wanted).padStart(6)} ${String(r.unwanted).padStart(6)}`,
  );
}
const counts = [...verdicts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
console.log(`\nverdicts (brief ingest): ${counts.join(', ')}; density fallback chosen on ${fallbacks} pages`);
if (notable.length) console.log(notable.join('\n'));
