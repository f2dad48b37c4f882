/**
 * What the process counts, platform-neutral: adapters, the service, the digest and the queues
 * record through this interface, and only prometheus.ts knows how it is exported. Tests and the
 * CLI get noopMetrics; a brief worker thread forwards to the main thread (forward.ts).
 */

/** A brief's result as the user saw it. */
export type BriefOutcome =
  /** The requested engine wrote it. */
  | 'ok'
  /** The LLM failed; the extractive engine wrote it (engine.fallbackCode says why). */
  | 'fallback'
  /** A BriefError: the input could not be briefed (bad link, not an article...), with its code. */
  | 'refused'
  /** Cancelled: its deadline passed or the process is shutting down. */
  | 'aborted'
  /** A bug. */
  | 'error';

export interface QueueDepth {
  waiting: number;
  running: number;
}

export interface Metrics {
  /** A chat request acknowledged; `kind` is its surface (slash_command, event, shortcut, command ...). */
  ack(platform: string, kind: string, seconds: number): void;
  /** A brief asked of the service; `engine` is the engine that wrote it, or "none" when none did. */
  brief(engine: string, outcome: BriefOutcome, seconds: number, code?: string): void;
  /** The LLM engine failed and the extractive brief was made instead (a fallbackCode). */
  llmFallback(reason: string): void;
  /** Tokens one model call used. */
  llmTokens(promptTokens: number, completionTokens: number): void;
  /** A digest fully posted to a channel. */
  digestPosted(platform: string): void;
  /** A digest delivery attempt that failed (the scheduler retries it from the ledger). */
  digestFailed(platform: string): void;
  /** A feed that could not be read, by BriefError code (fetch_timeout, not_feed, fetch_http ...). */
  feedFetchFailed(reason: string): void;
  /** A task a full queue refused (the user was told to retry). */
  queueRejected(queue: string): void;
  /** Reports a queue's depth whenever metrics are read. */
  watchQueue(queue: string, depth: () => QueueDepth): void;
}

/** Renders the metrics for GET /metrics. */
export interface MetricsExporter {
  readonly contentType: string;
  render(): Promise<string>;
}

const nothing = () => undefined;

export const noopMetrics: Metrics = {
  ack: nothing,
  brief: nothing,
  llmFallback: nothing,
  llmTokens: nothing,
  digestPosted: nothing,
  digestFailed: nothing,
  feedFetchFailed: nothing,
  queueRejected: nothing,
  watchQueue: nothing,
};
