import { z } from 'zod';

// The process itself, whatever runs in it: its one HTTP port, how it logs, how long it drains.

export interface RuntimeConfig {
  /** The one HTTP port: /healthz, /readyz, /metrics, and Slack's /slack/events in HTTP mode; 0 picks a free one. */
  port: number;
  /** Unset: pretty when stderr is a terminal, JSON otherwise (see resolveLogFormat). */
  logFormat: 'json' | 'pretty' | undefined;
  /** On SIGTERM, how long running briefs and digests get to finish before they are aborted. */
  shutdownGraceMs: number;
}

export const runtimeEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  // Kubernetes waits 30 s (terminationGracePeriodSeconds) before SIGKILL: 20 s leaves room for
  // stopping the workers and closing the store after the grace period.
  BRIEF_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
});
export type RuntimeEnv = z.infer<typeof runtimeEnv>;

export function runtimeConfigOf(e: RuntimeEnv): RuntimeConfig {
  return { port: e.PORT, logFormat: e.LOG_FORMAT, shutdownGraceMs: e.BRIEF_SHUTDOWN_GRACE_MS };
}
