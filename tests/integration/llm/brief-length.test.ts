import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../../src/brief.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { replies, startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { llmServiceRig, type LlmServiceRig } from '../../helpers/llm-service.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * The length a user asks for (Slack --length, Discord length:, the CLI) travels through the service
 * into the engine, is recorded in the brief, and keeps briefs of different lengths apart in the cache.
 */
const bridge = readFileSync(new URL('../../fixtures/articles/harbor-bridge.txt', import.meta.url), 'utf8');

let fake: FakeOpenAI;
let tmp: ReturnType<typeof makeTempDir>;
let rig: LlmServiceRig;
beforeEach(async () => {
  fake = await startFakeOpenAI();
  tmp = makeTempDir();
  rig = llmServiceRig(fake, tmp.dir);
});
afterEach(async () => {
  await rig.store.close();
  await fake.close();
  tmp.cleanup();
});

const text = { kind: 'text' as const, text: bridge };

describe('brief length through the service', () => {
  it('reaches the LLM engine and is recorded in the brief; standard when none is asked for', async () => {
    const short = await rig.service.brief(text, { caller: 't', length: 'short' });
    expect(short.engine.name).toBe('llm');
    expect(short.length).toBe('short');
    expect(BriefSchema.parse(short)).toEqual(short);
    const plain = await rig.service.brief(text, { caller: 't' });
    expect(plain.length).toBe('standard');
  });

  it('caches each length apart: one model call per article and length', async () => {
    await rig.service.brief(text, { caller: 't', length: 'short' });
    expect(fake.requests).toHaveLength(1);
    const detailed = await rig.service.brief(text, { caller: 't', length: 'detailed' });
    expect(fake.requests).toHaveLength(2);
    expect(detailed.length).toBe('detailed');
    const again = await rig.service.brief(text, { caller: 't', length: 'short' });
    expect(fake.requests).toHaveLength(2);
    expect(again.length).toBe('short');
    const usage = await rig.store.usageTotals({});
    expect(usage.reduce((n, row) => n + row.cacheHits, 0)).toBe(1);
  });

  it('records the length on the extractive brief a failed model call falls back to', async () => {
    fake.enqueue(replies.status(401));
    const brief = await rig.service.brief(text, { caller: 't', length: 'detailed' });
    expect(brief.engine.fallbackCode).toBe('auth');
    expect(brief.length).toBe('detailed');
  });

  it('reaches the extractive engine when no LLM is configured', async () => {
    const config = loadConfig({ BRIEF_ENGINE: 'extractive' });
    const service = createBriefService({
      config,
      engines: { extractive: createExtractiveEngine() },
      logger: silentLogger,
    });
    expect((await service.brief(text, { length: 'short' })).length).toBe('short');
    expect((await service.brief(text)).length).toBe('standard');
  });
});
