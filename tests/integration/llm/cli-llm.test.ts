import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../../src/brief.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const SAMPLE = 'examples/summit-article.txt';

let fake: FakeOpenAI;
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(async () => {
  fake = await startFakeOpenAI();
  tmp = makeTempDir();
});
afterEach(async () => {
  await fake.close();
  tmp.cleanup();
});

/** The real `brief` process, configured for the fake endpoint and a store in the temp dir. */
function brief(args: string[]) {
  return promisify(execFile)(process.execPath, ['bin/brief.js', ...args], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: '',
      BRIEF_DB: join(tmp.dir, 'data', 'brief.db'),
    },
  });
}

describe('brief command with the LLM engine', () => {
  // Four `brief` processes, each loading TypeScript and the query layer: tens of seconds on 2 busy cores.
  it(
    'writes an LLM brief, serves the second run from the store, and reports usage per caller',
    { timeout: 90_000 },
    async () => {
      const first = BriefSchema.parse(JSON.parse((await brief(['--format', 'json', SAMPLE])).stdout));
      expect(first.engine).toMatchObject({ name: 'llm', model: 'gpt-4.1-mini' });
      const second = BriefSchema.parse(JSON.parse((await brief(['--format', 'json', SAMPLE])).stdout));
      expect(second).toEqual(first);
      expect(fake.requests).toHaveLength(1);

      const { stdout } = await brief(['usage']);
      expect(stdout).toMatch(/^\d{4}-\d{2}-\d{2}\s+cli\s+1\s+1\s+[\d,]+\s+[\d,]+$/m);
      const json = JSON.parse((await brief(['usage', '--json'])).stdout) as {
        calls: number;
        cacheHits: number;
      }[];
      expect(json).toEqual([expect.objectContaining({ caller: 'cli', calls: 1, cacheHits: 1 })]);
    },
  );
});
