import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createExtractiveEngine } from '../../src/engines/extractive/index.js';
import { createOpenAIClient } from '../../src/engines/llm/client.js';
import { createLlmEngine } from '../../src/engines/llm/index.js';
import { silentLogger } from '../../src/logger.js';
import { createBriefService, type BriefService } from '../../src/service.js';
import { openSqliteStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { FakeOpenAI } from './fake-openai.js';

export interface LlmServiceRig {
  service: BriefService;
  store: Store;
  config: Config;
  /** Moves the service's clock (cache expiry). */
  advance(ms: number): void;
}

/**
 * The real service, engines and openai client against the fake endpoint, with a real SQLite
 * store in `dir`. `env` overrides the test defaults (short timeouts).
 */
export function llmServiceRig(
  fake: FakeOpenAI,
  dir: string,
  env: Record<string, string> = {},
): LlmServiceRig {
  const config = loadConfig({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.url,
    BRIEF_LLM_MODEL: 'test-model',
    BRIEF_LLM_TIMEOUT_MS: '800',
    BRIEF_LLM_RETRY_AFTER_CAP_MS: '2000',
    BRIEF_DB: join(dir, 'brief.db'),
    ...env,
  });
  const llmConfig = config.llm!;
  const extractive = createExtractiveEngine();
  const llm = createLlmEngine({ client: createOpenAIClient(llmConfig), settings: llmConfig, extractive });
  const store = openSqliteStore(config.store.path);
  let now = Date.UTC(2026, 4, 1, 9, 0);
  const service = createBriefService({
    config,
    engines: { extractive, llm },
    logger: silentLogger,
    store,
    now: () => now,
  });
  return { service, store, config, advance: (ms) => (now += ms) };
}
