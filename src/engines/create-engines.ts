import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Engine } from './engine.js';
import { createExtractiveEngine } from './extractive/index.js';
import { createOpenAIClient } from './llm/client.js';
import { createLlmEngine } from './llm/index.js';

/** Builds the engines the configuration asks for; the LLM engine only when it is configured. */
export function createEngines(config: Config, logger: Logger): { extractive: Engine; llm?: Engine } {
  const extractive = createExtractiveEngine();
  if (!config.llm) return { extractive };
  // Prompts are read here, once, at start-up: a missing or broken prompt file fails fast.
  const llm = createLlmEngine({
    client: createOpenAIClient(config.llm),
    settings: config.llm,
    extractive,
    logger: logger.child({ engine: 'llm' }),
  });
  return { extractive, llm };
}
