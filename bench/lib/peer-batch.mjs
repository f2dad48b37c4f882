// A published summariser as a whole process, the way `brief --jsonl` runs: read a JSONL file of
// {"id", "article"} lines, summarise each, write one JSON line per article. Plain JavaScript run
// by plain node, so the peer's start-up is measured the same way as ours (no TypeScript loader).
//
//   node bench/lib/peer-batch.mjs lexrank|node-summarizer FILE > out.jsonl
import { createReadStream } from 'node:fs';
import process from 'node:process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const [peer, file] = process.argv.slice(2);

function load(name) {
  if (name === 'lexrank') {
    // LexRank (graph centrality over sentence similarity), three sentences like our summary.
    const lexrank = require('lexrank');
    return (text) => {
      let result;
      lexrank.summarize(text, 3, (err, _top, summary) => {
        if (err) throw err instanceof Error ? err : new Error('lexrank failed');
        result = summary;
      });
      return result;
    };
  }
  if (name === 'node-summarizer') {
    // Its frequency method (its TextRank method is async and far slower).
    const { SummarizerManager } = require('node-summarizer');
    return (text) => new SummarizerManager(text, 3).getSummaryByFrequency().summary;
  }
  throw new Error(`unknown peer ${name}`);
}

if (!peer || !file) {
  process.stderr.write('usage: node bench/lib/peer-batch.mjs lexrank|node-summarizer FILE\n');
  process.exit(2);
}
const summarise = load(peer);
let failed = 0;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const { id, article } = JSON.parse(line);
  try {
    process.stdout.write(`${JSON.stringify({ id, summary: summarise(article) })}\n`);
  } catch {
    failed += 1;
  }
}
process.exitCode = failed > 0 ? 3 : 0;
