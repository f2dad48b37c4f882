import { parentPort, workerData } from 'node:worker_threads';
import { createExtractiveEngine } from '../engines/extractive/index.js';
import { createLogger } from '../logger.js';
import { createBriefService } from '../service.js';
import { briefLine } from './batch-line.js';
import type { HelperData, HelperReply, HelperRequest } from './batch-pool.js';

/**
 * A batch helper thread (see batch-pool.ts): its own service with the extractive engine only
 * (batches that use the LLM stay on the main thread), briefing the lines it is sent.
 */
const { config, engine, maxInputBytes } = workerData as HelperData;
const port = parentPort!;
const service = createBriefService({
  config,
  engines: { extractive: createExtractiveEngine() },
  logger: createLogger(config.logLevel ?? 'warn').child({ thread: 'batch-helper' }),
});
const deps = { service, engine, maxInputBytes };

port.on('message', (msg: HelperRequest) => {
  void briefLine(msg.raw, msg.lineNo, deps).then((outcome) =>
    port.postMessage({ seq: msg.seq, outcome } satisfies HelperReply),
  );
});
port.postMessage({ ready: true } satisfies HelperReply);
