/**
 * Summary quality on the CNN dev set: ROUGE-1/2/Lsum F1 of our summaries (one sentence per line)
 * beside Lead-3 scored in the same run, with the scorer's own sentence splitter (the official
 * baseline) and with ours. The texts are untitled, so a brief's headline is its compressed lead
 * and the summary goes on from there: a second row scores the headline and the summary together.
 *
 *   npm run bench:quality -- [--data FILE] [--limit N] [--fold K[,K]] [--scorer rouge.mjs]
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { briefArticle, summarize } from '../src/engines/extractive/index.js';
import { splitSentences, stripDateline } from '../src/text/sentences.js';
import { countWords } from '../src/text/tokens.js';
import {
  articleFromText,
  DEFAULT_SCORER,
  parseArgs,
  readDocs,
  REPO_ROOT,
  requireFile,
} from './lib/dataset.js';

interface Prf {
  p: number;
  r: number;
  f: number;
  fLow?: number;
  fHigh?: number;
}
type Metric = 'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum';
type Scores = Record<Metric, Prf>;
interface Scorer {
  loadStemmer(): Promise<((w: string) => string) | null>;
  scoreSummary(reference: string, candidate: string, options: { stem: unknown }): Scores;
  splitSentences(text: string): string[];
  aggregate(perDoc: Scores[], options: { bootstrap: number }): Scores;
}

const args = parseArgs(process.argv.slice(2));
const scorerPath = args.rest.get('scorer') ?? DEFAULT_SCORER;
requireFile(scorerPath, 'ROUGE scorer');
if (!process.env.ROUGE_STEMMER_PATH) {
  // The scorer looks for `stemmer` beside itself or in the cwd; point it at ours wherever we run from.
  const require = createRequire(pathToFileURL(`${REPO_ROOT}/package.json`));
  process.env.ROUGE_STEMMER_PATH = dirname(require.resolve('stemmer/package.json'));
}
const scorer = (await import(pathToFileURL(scorerPath).href)) as Scorer;
const stem = await scorer.loadStemmer();
if (!stem) {
  console.error('The Porter stemmer (npm package "stemmer") was not found: run npm install first.');
  process.exit(2);
}

const systems = {
  extractive: (text: string) => summarize(articleFromText(text)),
  // What a reader of an untitled brief reads: its headline is the compressed lead, which the
  // summary does not repeat, so the summary alone undersells it.
  'extractive headline + summary': (text: string) => {
    const brief = briefArticle(articleFromText(text));
    return [brief.headline, ...brief.summary];
  },
  'lead-3 (scorer split)': (text: string) => scorer.splitSentences(text).slice(0, 3),
  'lead-3 (our split, no dateline)': (text: string) =>
    splitSentences(text)
      .slice(0, 3)
      .map((s) => stripDateline(s.text)),
};
type System = keyof typeof systems;
const perDoc = new Map<System, Scores[]>(Object.keys(systems).map((k) => [k as System, []]));
const words = new Map<System, number>();
const started = performance.now();
let docs = 0;
for await (const doc of readDocs(args)) {
  docs += 1;
  for (const [name, run] of Object.entries(systems) as [System, (t: string) => string[]][]) {
    const lines = run(doc.article);
    perDoc.get(name)?.push(scorer.scoreSummary(doc.summary, lines.join('\n'), { stem }));
    words.set(name, (words.get(name) ?? 0) + countWords(lines.join(' ')));
  }
}
if (docs === 0) {
  console.error('No documents selected (check --fold / --limit).');
  process.exit(2);
}

const pct = (v: number | undefined): string =>
  v === undefined ? '   -  ' : (100 * v).toFixed(2).padStart(6);
const folds = args.folds ? [...args.folds].join(',') : 'all';
console.log(`ROUGE F1 x100 (stemmed) on ${docs} documents (folds ${folds}), ${args.data}`);
console.log(`${'system'.padEnd(34)}  R-1     R-2     R-Lsum  avg words   R-1 95% CI`);
for (const name of Object.keys(systems) as System[]) {
  const agg = scorer.aggregate(perDoc.get(name) ?? [], { bootstrap: 1000 });
  const avg = ((words.get(name) ?? 0) / docs).toFixed(1).padStart(6);
  const ci = `[${pct(agg.rouge1.fLow)}, ${pct(agg.rouge1.fHigh)}]`;
  console.log(
    `${name.padEnd(34)} ${pct(agg.rouge1.f)}  ${pct(agg.rouge2.f)}  ${pct(agg.rougeLsum.f)}   ${avg}    ${ci}`,
  );
}
const ours = perDoc.get('extractive') ?? [];
const lead = perDoc.get('lead-3 (scorer split)') ?? [];
const wins = ours.filter((s, i) => s.rouge1.f > (lead[i]?.rouge1.f ?? 0)).length;
const ties = ours.filter((s, i) => s.rouge1.f === (lead[i]?.rouge1.f ?? 0)).length;
console.log(
  `extractive vs lead-3 per document (R-1): ${wins} better, ${ties} equal, ${docs - wins - ties} worse; ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);
