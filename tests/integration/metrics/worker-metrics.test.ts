import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { createPrometheusMetrics, instrumentBriefService } from '../../../src/metrics/index.js';
import { createWorkerBriefService } from '../../../src/worker-service.js';
import { replies, startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * LLM tokens and fallbacks happen on a brief worker thread; /metrics is served by the main
 * thread. The real worker service against the fake OpenAI endpoint shows they arrive, once.
 */
const article = readFileSync(new URL('../../fixtures/articles/harbor-bridge.txt', import.meta.url), 'utf8');

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

const value = (text: string, line: string) => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('metrics recorded on brief worker threads', () => {
  it('counts the LLM tokens and fallbacks of worker briefs in the main thread registry', async () => {
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.url,
      BRIEF_LLM_MODEL: 'test-model',
      BRIEF_LLM_MAX_RETRIES: '0',
      BRIEF_DB: join(tmp.dir, 'brief.db'),
    });
    const workers = createWorkerBriefService({
      config,
      logger: silentLogger,
      logLevel: 'silent',
      metrics,
      size: 1,
    });
    const service = instrumentBriefService(workers, metrics);
    try {
      fake.enqueue(replies.grounded({ prompt: 700, completion: 90 }), { kind: 'status', status: 401 });
      const good = await service.brief({ kind: 'text', text: article });
      expect(good.engine.name).toBe('llm');
      // Another article, so the cache does not answer: the endpoint refuses the key.
      const bad = await service.brief({ kind: 'text', text: `${article}\n\nA later paragraph.` });
      expect(bad.engine.fallbackCode).toBe('auth');

      const text = await metrics.render();
      expect(value(text, 'brief_llm_tokens_total{kind="prompt"}')).toBe(700);
      expect(value(text, 'brief_llm_tokens_total{kind="completion"}')).toBe(90);
      expect(value(text, 'brief_llm_fallbacks_total{reason="auth"}')).toBe(1);
      expect(value(text, 'brief_briefs_total{engine="llm",outcome="ok"}')).toBe(1);
      expect(value(text, 'brief_briefs_total{engine="extractive",outcome="fallback"}')).toBe(1);
    } finally {
      await workers.close();
    }
  });
});
