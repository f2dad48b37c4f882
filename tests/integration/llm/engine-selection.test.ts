import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createEngines } from '../../../src/engines/create-engines.js';
import { isBriefError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { llmServiceRig } from '../../helpers/llm-service.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const text = readFileSync(new URL('../../fixtures/articles/harbor-bridge.txt', import.meta.url), 'utf8');

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

describe('engine selection', () => {
  it('auto uses the extractive engine when no LLM is configured, and --engine llm says how to configure one', async () => {
    const config = loadConfig({});
    const service = createBriefService({
      config,
      engines: createEngines(config, silentLogger),
      logger: silentLogger,
    });
    expect((await service.brief({ kind: 'text', text })).engine.name).toBe('extractive');
    const err: unknown = await service
      .brief({ kind: 'text', text }, { engine: 'llm' })
      .catch((e: unknown) => e);
    expect(isBriefError(err) && err.code).toBe('not_configured');
  });

  it('auto uses the LLM when a base URL alone is set (a local server), sending the placeholder key', async () => {
    const config = loadConfig({ OPENAI_BASE_URL: fake.url });
    const service = createBriefService({
      config,
      engines: createEngines(config, silentLogger),
      logger: silentLogger,
    });
    const b = await service.brief({ kind: 'text', text });
    expect(b.engine).toMatchObject({ name: 'llm', model: 'gpt-4.1-mini' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer no-key-needed');
  });

  it('--engine extractive never calls the model even when one is configured', async () => {
    const rig = llmServiceRig(fake, tmp.dir);
    const b = await rig.service.brief({ kind: 'text', text }, { engine: 'extractive' });
    expect(b.engine.name).toBe('extractive');
    expect(b.engine.fallbackReason).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
    await rig.store.close();
  });
});
