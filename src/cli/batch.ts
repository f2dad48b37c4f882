import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Config } from '../config.js';
import type { BriefInput, BriefService, EngineChoice } from '../service.js';
import { briefLine, handleLine, type LineOutcome } from './batch-line.js';
import { COMPILED, startHelper, type Helper } from './batch-pool.js';
import type { CliIo } from './io.js';

/**
 * Batch mode: one JSON object per input line, one JSON brief per output line with the same id, in
 * input order. A bad line is reported on stderr (in its place) and the batch goes on; benchmarks
 * and scripts rely on that. With the extractive engine, helper threads brief lines beside the main
 * thread (see batch-pool.ts); with the LLM, lines go one at a time, as before.
 */
export interface BatchDeps {
  io: CliIo;
  service: BriefService;
  engine?: EngineChoice;
  maxInputBytes: number;
  /** The configuration the service was made with; helper threads build theirs from it. */
  config?: Config;
  /** Brief pages that do not look like articles instead of reporting their lines as failed. */
  force?: boolean;
}

/** Below this a file is briefed on the main thread: a helper's start would be most of the saving. */
const MIN_PARALLEL_BYTES = 512 * 1024;
/** Lines briefed ahead of the oldest one not yet written: bounds what waits in memory. */
const WINDOW = 64;

/** Returns 0 when every line was briefed, 3 when at least one line failed. */
export async function runBatch(file: string, deps: BatchDeps): Promise<number> {
  const helpers = await startHelpers(file, deps);
  try {
    return await readLines(file, deps.io, (lines) =>
      processLines(lines, deps.io, (raw, lineNo) => briefLine(raw, lineNo, deps), helpers),
    );
  } finally {
    await Promise.all(helpers.map((h) => h.close()));
  }
}

/**
 * Reads `{"id", "article" | "url" | "html"}` lines and prints `{"id", ...result}` for each, on this
 * thread; `brief extract --jsonl` uses it with what it does to one input. Returns 0 when every
 * line succeeded, 3 when at least one failed.
 */
export async function runJsonl(
  file: string,
  deps: { io: CliIo; maxInputBytes: number },
  handle: (input: BriefInput) => Promise<object>,
): Promise<number> {
  return readLines(file, deps.io, (lines) =>
    processLines(lines, deps.io, (raw, lineNo) => handleLine(raw, lineNo, deps.maxInputBytes, handle), []),
  );
}

async function readLines(
  file: string,
  io: CliIo,
  use: (lines: AsyncIterable<string>) => Promise<number>,
): Promise<number> {
  try {
    const stream = file === '-' ? Readable.from(io.stdin) : createReadStream(file);
    return await use(createInterface({ input: stream, crlfDelay: Infinity }));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(`brief: cannot read ${file}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(err)}`}`);
    return 3;
  }
}

/** How many helper threads a batch gets (see BatchDeps and MIN_PARALLEL_BYTES). */
export async function helperThreads(
  file: string,
  deps: Pick<BatchDeps, 'config' | 'engine'>,
): Promise<number> {
  const { config } = deps;
  if (!config) return 0;
  const choice = deps.engine ?? config.engine;
  // The LLM's calls, cache and token ledger stay in one thread, one line at a time.
  if (choice === 'llm' || (choice === 'auto' && config.llm)) return 0;
  if (config.batchThreads !== undefined) return config.batchThreads;
  // One per idle core (at most 3), when running compiled and the input repays a helper's start. A
  // helper starts its own engine and warms its own JIT, about half a second of CPU: on cores that
  // other work keeps busy (the load average) it slows the batch down instead of speeding it up.
  if (!COMPILED) return 0;
  const size =
    file === '-'
      ? Infinity
      : await stat(file).then(
          (s) => s.size,
          () => 0,
        );
  return size >= MIN_PARALLEL_BYTES ? spareCores() : 0;
}

/** Cores beyond this one that the last minute's load left idle, at most 3. */
export function spareCores(cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  return Math.max(0, Math.min(3, Math.floor(cores - 1 - load + 0.5)));
}

async function startHelpers(file: string, deps: BatchDeps): Promise<Helper[]> {
  const threads = await helperThreads(file, deps);
  const { config } = deps;
  if (!config) return [];
  return Array.from({ length: threads }, () =>
    startHelper({ config, engine: deps.engine, maxInputBytes: deps.maxInputBytes, force: deps.force }),
  );
}

/**
 * Every line through `here` (this thread) or a helper with room; results written in input order.
 * Returns 0 when every line succeeded, 3 when at least one failed.
 */
export async function processLines(
  lines: AsyncIterable<string>,
  io: CliIo,
  here: (raw: string, lineNo: number) => Promise<LineOutcome>,
  helpers: Helper[],
): Promise<number> {
  const done = new Map<number, LineOutcome>();
  const onHelpers = new Set<Promise<void>>();
  let written = 0;
  let failed = 0;
  let flushed: (() => void) | undefined;
  const record = (seq: number, outcome: LineOutcome) => {
    done.set(seq, outcome);
    for (let next = done.get(written); next; next = done.get(written)) {
      done.delete(written);
      written += 1;
      if ('out' in next) io.out(next.out);
      else {
        failed += 1;
        io.err(next.err);
      }
    }
    flushed?.();
  };

  let lineNo = 0;
  let seq = 0;
  for await (const raw of lines) {
    lineNo += 1;
    if (!raw.trim()) continue;
    const item = { seq: seq++, lineNo, raw };
    // Lines already read arrive without a turn of the event loop; take one, so that the helpers'
    // answers are received and they get the next line before this thread takes it.
    if (helpers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const helper = helpers.find((h) => h.available);
    if (helper) {
      // If the helper stops before answering, the line is briefed here instead.
      const work = helper
        .brief(item)
        .catch(() => here(item.raw, item.lineNo))
        .then((outcome) => record(item.seq, outcome));
      onHelpers.add(work);
      void work.finally(() => onHelpers.delete(work));
    } else {
      record(item.seq, await here(raw, lineNo));
    }
    // A line stuck on a helper must not let this thread run ahead without bound.
    while (seq - written > WINDOW) await new Promise<void>((resolve) => (flushed = resolve));
  }
  await Promise.all(onHelpers);
  return failed > 0 ? 3 : 0;
}
