/**
 * Speed as a user and a script see it: whole processes of the compiled CLI, start-up included,
 * timed from spawn to exit next to `node -e 0` in the same run, each with its peak RSS: --help,
 * --version, the bundled sample, `brief --jsonl` over a fold of the CNN dev set beside a
 * published summariser (lexrank) doing the same articles as a whole process, and single briefs of
 * 100 KB, 1 MB and 5 MiB articles (text, and a 5 MiB HTML page). Then the per-article cost warm,
 * in process, for both systems. Inputs are written to a scratch folder outside the repository.
 *
 *   npm run bench:speed -- [--data FILE] [--fold K] [--limit N] [--runs N] [--peer lexrank|node-summarizer]
 *                          [--cli path/to/dist/src/cli.js]   (time another build, e.g. before a change)
 *
 * The default fold is 5 (716 articles). Figures depend on the machine's load: it is printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { briefArticle } from '../src/engines/extractive/index.js';
import { writeBatchFile, writeHtmlArticle, writeTextArticle } from './lib/big-articles.js';
import { spareCores } from '../src/cli/batch.js';
import { COMPILED_CLI, ensureCompiled } from './lib/compiled.js';
import {
  articleFromText,
  parseArgs,
  readDocs,
  REPO_ROOT,
  requireFile,
  SAMPLE_ARTICLE,
} from './lib/dataset.js';
import { loadPeer, PEERS } from './lib/peers.js';
import { HAS_RSS, timeProcess, type ProcessRun } from './lib/processes.js';

const argv = process.argv.slice(2);
const args = parseArgs(argv);
args.folds ??= new Set([5]);
const peerName = args.rest.get('peer') ?? 'lexrank';
const runs = Number(args.rest.get('runs') ?? 3);
if (!(peerName in PEERS) || !Number.isInteger(runs) || runs < 1) {
  console.error(`--peer must be one of ${Object.keys(PEERS).join(', ')}; --runs a positive integer.`);
  process.exit(2);
}

const only = args.rest.get('only');
if (only) {
  console.log(JSON.stringify(await warm(only)));
} else {
  requireFile(args.data, 'Evaluation data');
  await main();
}

async function main(): Promise<void> {
  // --cli PATH times another compiled CLI (an older build, for a before/after) instead of ours.
  const other = args.rest.get('cli');
  const cli = other ? resolve(other) : COMPILED_CLI;
  const built = other ? 'given with --cli' : await ensureCompiled();
  const scratch = mkdtempSync(join(tmpdir(), 'brief-bench-speed-'));
  try {
    const batch = join(scratch, 'fold.jsonl');
    const articles = await writeBatchFile(batch, args);
    const sizes: Array<[string, string]> = [
      ['100 KB text', await writeTextArticle(scratch, 'a100k', args.data, 100_000)],
      ['1 MB text', await writeTextArticle(scratch, 'a1m', args.data, 1_000_000)],
      ['5 MiB text', await writeTextArticle(scratch, 'a5m', args.data, 5 * 1024 * 1024)],
      ['5 MiB HTML page', await writeHtmlArticle(scratch, 'p5m', args.data, 5 * 1024 * 1024)],
    ];
    // Always the offline engine, whatever the caller's environment configures.
    const env = { ...process.env, BRIEF_ENGINE: 'extractive', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
    const node = (a: string[]) => timeProcess(process.execPath, a, { runs, env, cwd: REPO_ROOT });
    const brief = (...a: string[]) => node([cli, ...a]);
    const folds = [...(args.folds ?? [])].join(',');

    console.log(`Whole processes: ${relative(REPO_ROOT, cli)} (${built}), plain node ${process.version}`);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(
      `median of ${runs} runs; ${availableParallelism()} cores, load average before: ${load} ` +
        `(brief --jsonl would start ${spareCores()} helper threads now)`,
    );
    const row = (name: string, run: ProcessRun, note = '') => {
      const rss = run.peakRssMb === null ? 'n/a' : run.peakRssMb.toFixed(0);
      const cpu = run.cpuSeconds === null ? 'n/a' : run.cpuSeconds.toFixed(2);
      const failed =
        run.exitCode === 0 ? '' : `  EXIT ${run.exitCode}: ${run.stderr.trim().split('\n')[0] ?? ''}`;
      console.log(
        `${name.padEnd(44)} ${run.seconds.toFixed(2).padStart(7)} ${cpu.padStart(6)} ${rss.padStart(12)}   ${note}${failed}`,
      );
    };
    console.log(
      `${'process'.padEnd(44)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(6)} ${'peak RSS MB'.padStart(12)}   notes (targets from issue 9)`,
    );
    row('node -e 0', node(['-e', '0']));
    const help = brief('--help');
    row('brief --help', help, target('< 0.3 s', help.seconds < 0.3));
    const version = brief('--version');
    row('brief --version', version, target('< 0.3 s', version.seconds < 0.3));
    const sample = brief(SAMPLE_ARTICLE);
    const sampleOk = sample.seconds < 1 && (sample.peakRssMb ?? 0) < 200;
    row('brief examples/summit-article.txt', sample, target('< 1.0 s and < 200 MB', sampleOk));
    const peerScript = fileURLToPath(new URL('./lib/peer-batch.mjs', import.meta.url));
    const peer = node([peerScript, peerName, batch]);
    const peerRate = peer.outputLines / peer.seconds;
    // Measured both ways: one thread, and one helper thread beside it (what the default picks on a
    // 2-core machine when the load average leaves a core idle; it picks none on a busy one).
    const threads = (n: number) =>
      timeProcess(process.execPath, [cli, '--jsonl', batch], {
        runs,
        env: { ...env, BRIEF_BATCH_THREADS: String(n) },
        cwd: REPO_ROOT,
      });
    const single = threads(0);
    const helped = threads(1);
    const rate = (r: ProcessRun) => r.outputLines / r.seconds;
    const batchNote = (r: ProcessRun) =>
      `${rate(r).toFixed(0)} articles/s (${r.outputLines} briefs), ${(rate(r) / peerRate).toFixed(2)}x ${peerName}; ` +
      `${target('>= 300/s', rate(r) >= 300)}, ${target('>= 2.5x', rate(r) / peerRate >= 2.5)}`;
    row(`brief --jsonl (fold ${folds}, ${articles}), 1 thread`, single, batchNote(single));
    row(`brief --jsonl (same), 1 helper thread`, helped, batchNote(helped));
    row(`${peerName} (same ${articles}, whole process)`, peer, `${peerRate.toFixed(0)} articles/s`);
    for (const [name, path] of sizes) {
      const mb = (statSync(path).size / 1024 / 1024).toFixed(2);
      const run = brief(path);
      row(`brief ${name} (${mb} MiB)`, run, name.startsWith('5 MiB') ? target('< 3 s', run.seconds < 3) : '');
    }
    if (!HAS_RSS) console.log('(peak RSS and CPU time need GNU time at /usr/bin/time)');
    console.log('');
    // The warm table runs this checkout's sources: it says nothing about another build.
    if (!other) warmTable();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function target(what: string, met: boolean): string {
  return `${met ? 'meets' : 'MISSES'} ${what}`;
}

interface WarmResult {
  system: string;
  articles: number;
  failures: number;
  medianMs: number;
  p99Ms: number;
}

/** Per-article cost without start-up: each system in its own fresh process, over the same fold. */
function warmTable(): void {
  console.log('Warm, in process (no start-up): per article');
  console.log(
    `${'system'.padEnd(24)} ${'docs'.padStart(6)} ${'median ms'.padStart(10)} ${'p99 ms'.padStart(8)}`,
  );
  for (const system of ['extractive', peerName]) {
    const script = fileURLToPath(import.meta.url);
    const out = execFileSync(process.execPath, [...process.execArgv, script, ...argv, '--only', system], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as WarmResult;
    console.log(
      `${r.system.padEnd(24)} ${String(r.articles).padStart(6)} ${r.medianMs.toFixed(2).padStart(10)} ` +
        `${r.p99Ms.toFixed(2).padStart(8)}${r.failures ? `  (${r.failures} failed)` : ''}`,
    );
  }
}

async function warm(system: string): Promise<WarmResult> {
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
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
  };
}
