/** The digest feature's public face: what adapters, main.ts and the CLI import. */
export * from './types.js';
export {
  createDigestService,
  MAX_STORIES_LIMIT,
  type DigestServiceDeps,
  type DigestServiceWithRuntime,
} from './service.js';
export { createDigestScheduler, type DigestSchedulerDeps } from './scheduler.js';
export { nextInstant, scheduledInstant } from './schedule.js';
export { normalizeTime, normalizeTimeZone, localDateOf } from './time.js';
export type { DigestRuntime } from './runtime.js';
