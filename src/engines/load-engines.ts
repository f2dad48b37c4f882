import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Engine } from './engine.js';

/**
 * createEngines for entry points that care about start-up: the LLM engine's modules (the openai
 * client, gpt-tokenizer's encoding tables) take a few hundred ms to load, so they are imported only
 * when the configuration asks for the LLM. The extractive engine is always needed.
 */
export async function loadEngines(
  config: Config,
  logger: Logger,
): Promise<{ extractive: Engine; llm?: Engine }> {
  if (!config.llm) {
    const { createExtractiveEngine } = await import('./extractive/index.js');
    return { extractive: createExtractiveEngine() };
  }
  const { createEngines } = await import('./create-engines.js');
  return createEngines(config, logger);
}
