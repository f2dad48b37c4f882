/**
 * Whole processes timed from spawn to exit, with their peak resident set and CPU time. GNU time
 * reports the child's own peak RSS and user + system CPU (on a busy machine CPU time moves much less
 * than wall time); where /usr/bin/time is missing those columns say so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const HAS_RSS = existsSync(GNU_TIME);

export interface ProcessRun {
  /** Median wall time over the runs, in seconds. */
  seconds: number;
  /** Largest peak RSS over the runs, in MB; null when it cannot be measured here. */
  peakRssMb: number | null;
  /** Median user + system CPU time over the runs, in seconds; null when it cannot be measured. */
  cpuSeconds: number | null;
  /** Lines the last run wrote to stdout. */
  outputLines: number;
  exitCode: number | null;
  stderr: string;
}

export interface RunOptions {
  runs: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function timeProcess(command: string, args: string[], options: RunOptions): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), 'brief-bench-run-'));
  const rssFile = join(scratch, 'rss');
  const outFile = join(scratch, 'out');
  const walls: number[] = [];
  const cpus: number[] = [];
  let peak: number | null = null;
  let last = { exitCode: null as number | null, stderr: '', outputLines: 0 };
  try {
    for (let r = 0; r < options.runs; r += 1) {
      const out = openSync(outFile, 'w');
      const [cmd, argv] = HAS_RSS
        ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
        : [command, args];
      const started = performance.now();
      const child = spawnSync(cmd, argv, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', out, 'pipe'],
        maxBuffer: 16 << 20,
      });
      walls.push((performance.now() - started) / 1000);
      closeSync(out);
      if (HAS_RSS) {
        // GNU time writes "Command exited with non-zero status N" before the figure on failure.
        const [kb, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '')
          .split(' ')
          .map(Number);
        if (kb !== undefined && Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb / 1024);
        if (user !== undefined && system !== undefined) cpus.push(user + system);
      }
      const output = readFileSync(outFile, 'utf8');
      last = {
        exitCode: child.status,
        stderr: child.stderr.toString('utf8'),
        outputLines: output ? output.split('\n').filter(Boolean).length : 0,
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { seconds: median(walls) ?? 0, cpuSeconds: median(cpus) ?? null, peakRssMb: peak, ...last };
}
