/**
 * Start-up: whole-process wall time and peak RSS of the `brief` command next to `node -e 0` in the
 * same run (median of N runs each), and the first brief on a fresh worker thread, from the sources
 * under tsx and from the build, with and without warm(). Build first (`npm run build`).
 *
 *   npm run bench:startup -- [--runs N]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const RSS = fileURLToPath(new URL('./lib/max-rss.cjs', import.meta.url));

if (!existsSync(`${ROOT}/dist/src/cli.js`)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(2);
}

interface Run {
  ms: number;
  rssMb: number;
  stdout: string;
}

function once(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', RSS, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const kb = /bench-max-rss-kb=(\d+)/.exec(stderr)?.[1];
      if (code !== 0 || !kb) reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr}`));
      else resolve({ ms, rssMb: Number(kb) / 1024, stdout });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(label: string, args: string[], env?: NodeJS.ProcessEnv) {
  await once(args, env); // one untimed run: the file cache is warm for every row alike
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(args, env));
  return { label, ms: median(runs.map((r) => r.ms)), rssMb: median(runs.map((r) => r.rssMb)) };
}

const rows = [
  await measure('node -e 0', ['-e', '0']),
  await measure('brief --help', ['bin/brief.js', '--help'], { BRIEF_ENGINE: 'bogus' }),
  await measure('brief --version', ['bin/brief.js', '--version']),
  await measure('brief examples/summit-article.txt', ['bin/brief.js', 'examples/summit-article.txt']),
  await measure('node dist/src/cli.js --help', ['dist/src/cli.js', '--help']),
];
console.log(`Whole process, median of ${RUNS} runs (bin/brief.js includes its freshness check of dist/)`);
console.log(`${'command'.padEnd(36)} ${'wall ms'.padStart(8)} ${'peak RSS MB'.padStart(12)}`);
for (const r of rows) {
  console.log(`${r.label.padEnd(36)} ${r.ms.toFixed(0).padStart(8)} ${r.rssMb.toFixed(0).padStart(12)}`);
}

async function firstBrief(variant: 'tsx' | 'dist', mode: 'cold' | 'warm') {
  const args =
    variant === 'tsx'
      ? ['--import', 'tsx', 'bench/lib/first-brief.mjs', 'src/worker-service.ts', mode]
      : ['bench/lib/first-brief.mjs', 'dist/src/worker-service.js', mode];
  const results: { warmMs?: number; firstMs: number; tenthMs: number }[] = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    const run = await once(args);
    results.push(JSON.parse(run.stdout.trim()) as (typeof results)[number]);
  }
  const pick = (k: 'warmMs' | 'firstMs' | 'tenthMs') => median(results.map((r) => r[k] ?? NaN));
  return { variant, mode, warmMs: pick('warmMs'), firstMs: pick('firstMs'), tenthMs: pick('tenthMs') };
}

console.log('\nOne worker thread, a small HTML article (median of 5 fresh processes)');
console.log(
  `${'worker code'.padEnd(28)} ${'warm() ms'.padStart(10)} ${'1st brief ms'.padStart(13)} ${'10th brief ms'.padStart(14)}`,
);
for (const variant of ['tsx', 'dist'] as const) {
  for (const mode of ['cold', 'warm'] as const) {
    const r = await firstBrief(variant, mode);
    const name = `${variant === 'tsx' ? 'sources via tsx' : 'compiled dist/'}, ${mode === 'warm' ? 'warm()' : 'no warm-up'}`;
    const warm = Number.isNaN(r.warmMs) ? '-' : r.warmMs.toFixed(0);
    console.log(
      `${name.padEnd(28)} ${warm.padStart(10)} ${r.firstMs.toFixed(0).padStart(13)} ${r.tenthMs.toFixed(1).padStart(14)}`,
    );
  }
}
