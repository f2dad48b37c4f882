/**
 * `brief --jsonl` on helper threads: output in input order, bad lines reported in their place,
 * the same briefs as on one thread, and a helper that stops mid-batch costs nothing but time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helperThreads, processLines, runBatch, spareCores } from '../../../src/cli/batch.js';
import { briefLine } from '../../../src/cli/batch-line.js';
import { startHelper, type Helper } from '../../../src/cli/batch-pool.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { recordingIo } from '../../helpers/cli-io.js';

const config = loadConfig({ BRIEF_ENGINE: 'extractive' });
const service = createBriefService({
  config,
  engines: { extractive: createExtractiveEngine() },
  logger: silentLogger,
});
const maxInputBytes = config.fetch.maxBytes;
const here = (raw: string, lineNo: number) => briefLine(raw, lineNo, { service, maxInputBytes });

const TOPICS = ['tram network', 'school budget', 'river bridge', 'city library', 'harbour wall'];
/** 60 lines: stories, with a bad line every 9th and a blank one every 13th. */
const LINES = Array.from({ length: 60 }, (_, i) => {
  if (i % 13 === 12) return '';
  if (i % 9 === 8) return i % 2 ? '{not json' : JSON.stringify({ id: `bad-${i}` });
  const topic = TOPICS[i % TOPICS.length] ?? 'tram network';
  const article =
    `The council voted on Tuesday to expand the ${topic} at a cost of ${i + 3} million euros. ` +
    `Work will start in ${2026 + (i % 4)} and take ${(i % 5) + 2} years. ` +
    `The mayor said ${1000 * (i + 1)} residents would benefit. Opposition members asked for a referendum.`;
  return JSON.stringify({ id: i, article });
});

async function* linesOf(lines: string[]): AsyncGenerator<string> {
  for (const line of lines) yield line;
}

async function sequential() {
  const io = recordingIo();
  const code = await processLines(linesOf(LINES), io, here, []);
  return { code, out: io.stdout, err: io.stderr };
}

/** A real helper, with a record of the lines it was given; `stopAfter` terminates it mid-batch. */
async function readyHelper(stopAfter = Infinity): Promise<{ helper: Helper; given: number[] }> {
  const real = startHelper({ config, maxInputBytes });
  // A helper under tsx takes seconds to start; lines go to it only once it is ready.
  await expect.poll(() => real.available, { timeout: 60_000, interval: 50 }).toBe(true);
  const given: number[] = [];
  const helper: Helper = {
    get available() {
      return real.available;
    },
    brief(item) {
      given.push(item.seq);
      const answer = real.brief(item);
      if (given.length === stopAfter) void real.close();
      return answer;
    },
    close: () => real.close(),
  };
  return { helper, given };
}

describe('brief --jsonl with a helper thread', () => {
  const helpers: Helper[] = [];
  afterAll(async () => Promise.all(helpers.map((h) => h.close())));

  it('writes the same lines, in input order, as one thread does', async () => {
    const one = await sequential();
    const { helper, given } = await readyHelper();
    helpers.push(helper);
    const io = recordingIo();
    const code = await processLines(linesOf(LINES), io, here, [helper]);
    expect(given.length).toBeGreaterThan(0);
    expect(io.stdout).toEqual(one.out);
    expect(io.stderr).toEqual(one.err);
    expect(code).toBe(one.code);
    expect(code).toBe(3);
    const ids = io.stdout.map((l) => (JSON.parse(l) as { id: number }).id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(io.stderr[0]).toMatch(/^brief: line 9 \(id "bad-8"\)/);
  });

  it('briefs here the lines of a helper that stops mid-batch', async () => {
    const one = await sequential();
    const { helper, given } = await readyHelper(1);
    helpers.push(helper);
    const io = recordingIo();
    await processLines(linesOf(LINES), io, here, [helper]);
    expect(given).toHaveLength(1);
    expect(io.stdout).toEqual(one.out);
    expect(io.stderr).toEqual(one.err);
  });

  it('keeps LLM batches on one thread and honours BRIEF_BATCH_THREADS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-batch-'));
    try {
      const big = join(dir, 'big.jsonl');
      writeFileSync(big, 'x'.repeat(1024 * 1024));
      const threads = (env: Record<string, string>, engine?: 'auto' | 'extractive' | 'llm') =>
        helperThreads(big, { config: loadConfig(env), engine });
      expect(await threads({ BRIEF_BATCH_THREADS: '2' })).toBe(2);
      expect(await threads({ BRIEF_BATCH_THREADS: '0' })).toBe(0);
      expect(await threads({ BRIEF_BATCH_THREADS: '2', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).toBe(0);
      expect(await threads({ BRIEF_BATCH_THREADS: '2' }, 'llm')).toBe(0);
      expect(
        await threads({ BRIEF_BATCH_THREADS: '2', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, 'extractive'),
      ).toBe(2);
      // Under tsx (these tests) a helper takes seconds to start: by default the batch stays here.
      expect(await threads({})).toBe(0);
      expect(await helperThreads(big, {})).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts helpers only on cores the load average leaves idle', () => {
    expect(spareCores(2, 0.1)).toBe(1);
    expect(spareCores(2, 0.8)).toBe(0);
    expect(spareCores(2, 11)).toBe(0);
    expect(spareCores(8, 1)).toBe(3);
    expect(spareCores(4, 1.2)).toBe(2);
    expect(spareCores(1, 0)).toBe(0);
  });

  it('runs a whole file through runBatch with a helper, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-batch-'));
    try {
      const file = join(dir, 'in.jsonl');
      writeFileSync(file, LINES.join('\n'));
      const io = recordingIo();
      const local = loadConfig({ BRIEF_ENGINE: 'extractive', BRIEF_BATCH_THREADS: '1' });
      const code = await runBatch(file, { io, service, maxInputBytes, config: local });
      expect(code).toBe(3);
      expect(io.stdout).toEqual((await sequential()).out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
