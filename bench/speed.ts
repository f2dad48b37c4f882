/**
 * Speed on the CNN dev set: articles per second, median and p99 ms per article, and peak RSS for
 * the full extractive brief (entities included), side by side with a published npm summariser
 * (lexrank) on the same articles; plus the bundled sample briefed warm. Each system runs in its
 * own child process so one's memory does not count against the other.
 *
 *   npm run bench:speed -- [--data FILE] [--limit N] [--fold K[,K]] [--peer lexrank|node-summarizer]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { briefArticle } from '../src/engines/extractive/index.js';
import { articleFromText, parseArgs, readDocs, requireFile, sampleArticle } from './lib/dataset.js';
import { loadPeer, PEERS } from './lib/peers.js';

interface RunResult {
  system: string;
  articles: number;
  failures: number;
  totalMs: number;
  medianMs: number;
  p99Ms: number;
  peakRssMb: number;
}

const argv = process.argv.slice(2);
const args = parseArgs(argv);
const only = args.rest.get('only');
const peerName = args.rest.get('peer') ?? 'lexrank';
if (!(peerName in PEERS)) {
  console.error(`--peer must be one of: ${Object.keys(PEERS).join(', ')}`);
  process.exit(2);
}

if (only) {
  console.log(JSON.stringify(await run(only)));
} else {
  requireFile(args.data, 'Evaluation data');
  const ours = child('extractive');
  const peer = child(peerName);
  const sample = sampleWarm();
  const row = (r: RunResult): string =>
    `${r.system.padEnd(24)} ${String(r.articles).padStart(6)} ${(r.articles / (r.totalMs / 1000)).toFixed(1).padStart(11)} ` +
    `${r.medianMs.toFixed(2).padStart(10)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(13)}` +
    (r.failures ? `  (${r.failures} failed)` : '');
  console.log(`Speed on ${args.data} (one process each, single-threaded)`);
  console.log(
    `${'system'.padEnd(24)} ${'docs'.padStart(6)} ${'articles/s'.padStart(11)} ${'median ms'.padStart(10)} ${'p99 ms'.padStart(8)} ${'peak RSS MB'.padStart(13)}`,
  );
  console.log(row(ours));
  console.log(row(peer));
  const ratio = ours.articles / ours.totalMs / (peer.articles / peer.totalMs);
  console.log(
    `extractive is ${ratio.toFixed(2)}x the throughput of ${peer.system} (entities and key facts included for ours)`,
  );
  console.log(
    `sample article (examples/summit-article.txt) warm: median ${sample.toFixed(2)} ms over 50 runs`,
  );
}

/** Runs this script again for one system, in a fresh process, and reads its JSON result. */
function child(system: string): RunResult {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, script, ...argv, '--only', system], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as RunResult;
}

async function run(system: string): Promise<RunResult> {
  const summarise =
    system === 'extractive' ? (text: string) => briefArticle(articleFromText(text)) : await loadPeer(system);
  const times: number[] = [];
  let failures = 0;
  for await (const doc of readDocs(args)) {
    const t0 = performance.now();
    try {
      summarise(doc.article);
    } catch {
      failures += 1;
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    system,
    articles: times.length,
    failures,
    totalMs: times.reduce((s, t) => s + t, 0),
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    // maxRSS is in kilobytes: the process's peak resident set, data streaming included.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function sampleWarm(): number {
  const article = sampleArticle();
  for (let i = 0; i < 10; i += 1) briefArticle(article);
  const times: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const t0 = performance.now();
    briefArticle(article);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[25] ?? 0;
}
