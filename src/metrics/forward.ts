import type { Metrics } from './metrics.js';

/**
 * Metrics recorded on a brief worker thread (LLM tokens, fallbacks) belong to the process: the
 * worker sends each event to the main thread, which applies it to the registry /metrics serves.
 * Events travel as messages of their own rather than inside a reply: one LLM call can serve
 * several requests at once (the in-flight table), and its tokens must count once. They are posted
 * before the reply they led to, on the same port, so they are counted by the time the brief is.
 */
type Recording = Exclude<keyof Metrics, 'watchQueue'>;

export type MetricEvent = { [K in Recording]: { name: K; args: Parameters<Metrics[K]> } }[Recording];

const recording: ReadonlySet<string> = new Set<Recording>([
  'ack',
  'brief',
  'llmFallback',
  'llmTokens',
  'digestPosted',
  'digestFailed',
  'feedFetchFailed',
  'queueRejected',
]);

export function isMetricEvent(value: unknown): value is MetricEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { name, args } = value as { name?: unknown; args?: unknown };
  return typeof name === 'string' && recording.has(name) && Array.isArray(args);
}

/** A Metrics whose every call becomes an event for `post`; queue watching stays local (none here). */
export function forwardingMetrics(post: (event: MetricEvent) => void): Metrics {
  const send =
    <K extends Recording>(name: K) =>
    (...args: Parameters<Metrics[K]>) =>
      post({ name, args } as MetricEvent);
  return {
    ack: send('ack'),
    brief: send('brief'),
    llmFallback: send('llmFallback'),
    llmTokens: send('llmTokens'),
    digestPosted: send('digestPosted'),
    digestFailed: send('digestFailed'),
    feedFetchFailed: send('feedFetchFailed'),
    queueRejected: send('queueRejected'),
    watchQueue: () => undefined,
  };
}

export function applyMetricEvent(metrics: Metrics, event: MetricEvent): void {
  (metrics[event.name] as (...args: unknown[]) => void)(...event.args);
}
