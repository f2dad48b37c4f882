import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics, MetricsExporter, QueueDepth } from './metrics.js';

/** Slack and Discord both drop requests not answered within 3 s: the buckets bracket that. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
/** Extractive briefs take tens of ms; LLM briefs seconds; a job is cut off at 90 s. */
const BRIEF_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 90];

export type PrometheusMetrics = Metrics & MetricsExporter & { readonly registry: Registry };

/**
 * prom-client with a registry of its own (not the global one: every test, and later every role,
 * can have one), the default process metrics (CPU, memory, event-loop lag, GC) and ours.
 */
export function createPrometheusMetrics(options: { defaultMetrics?: boolean } = {}): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const acks = new Counter({
    name: 'brief_acks_total',
    help: 'Chat requests acknowledged, by platform and kind of request.',
    labelNames: ['platform', 'kind'],
    registers,
  });
  const ackSeconds = new Histogram({
    name: 'brief_ack_seconds',
    help: 'Time from a chat request reaching the process to its acknowledgement.',
    labelNames: ['platform'],
    buckets: ACK_BUCKETS,
    registers,
  });
  const briefs = new Counter({
    name: 'brief_briefs_total',
    help: 'Briefs asked of the service, by the engine that wrote them and outcome (ok, fallback, refused, aborted, error).',
    labelNames: ['engine', 'outcome'],
    registers,
  });
  const briefSeconds = new Histogram({
    name: 'brief_brief_seconds',
    help: 'Time to make one brief (ingest and engine), by engine.',
    labelNames: ['engine'],
    buckets: BRIEF_BUCKETS,
    registers,
  });
  const refusals = new Counter({
    name: 'brief_brief_refusals_total',
    help: 'Briefs refused with a user-facing error, by its code.',
    labelNames: ['code'],
    registers,
  });
  const fallbacks = new Counter({
    name: 'brief_llm_fallbacks_total',
    help: 'LLM briefs replaced by the extractive brief, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const tokens = new Counter({
    name: 'brief_llm_tokens_total',
    help: 'Tokens the LLM endpoint reported, by kind (prompt, completion).',
    labelNames: ['kind'],
    registers,
  });
  const digestPosts = new Counter({
    name: 'brief_digest_posts_total',
    help: 'Digests posted completely, by platform.',
    labelNames: ['platform'],
    registers,
  });
  const digestFailures = new Counter({
    name: 'brief_digest_failures_total',
    help: 'Digest delivery attempts that failed, by platform (the ledger resumes them).',
    labelNames: ['platform'],
    registers,
  });
  const feedFailures = new Counter({
    name: 'brief_feed_fetch_failures_total',
    help: 'Feeds that could not be read, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const rejections = new Counter({
    name: 'brief_queue_rejections_total',
    help: 'Tasks refused because their queue was full, by queue.',
    labelNames: ['queue'],
    registers,
  });
  const queues = new Map<string, Array<() => QueueDepth>>();
  new Gauge({
    name: 'brief_queue_depth',
    help: 'Tasks in a work queue, by queue and state (waiting, running).',
    labelNames: ['queue', 'state'],
    registers,
    collect() {
      this.reset();
      for (const [queue, readers] of queues) {
        let waiting = 0;
        let running = 0;
        for (const read of readers) {
          const depth = read();
          waiting += depth.waiting;
          running += depth.running;
        }
        this.set({ queue, state: 'waiting' }, waiting);
        this.set({ queue, state: 'running' }, running);
      }
    },
  });
  // Present from the start, so that rate() over them works before the first LLM call.
  tokens.inc({ kind: 'prompt' }, 0);
  tokens.inc({ kind: 'completion' }, 0);

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    ack(platform, kind, seconds) {
      acks.inc({ platform, kind });
      ackSeconds.observe({ platform }, seconds);
    },
    brief(engine, outcome, seconds, code) {
      briefs.inc({ engine, outcome });
      if (outcome !== 'refused' && outcome !== 'aborted') briefSeconds.observe({ engine }, seconds);
      if (outcome === 'refused' && code) refusals.inc({ code });
    },
    llmFallback: (reason) => fallbacks.inc({ reason }),
    llmTokens(prompt, completion) {
      if (prompt > 0) tokens.inc({ kind: 'prompt' }, prompt);
      if (completion > 0) tokens.inc({ kind: 'completion' }, completion);
    },
    digestPosted: (platform) => digestPosts.inc({ platform }),
    digestFailed: (platform) => digestFailures.inc({ platform }),
    feedFetchFailed: (reason) => feedFailures.inc({ reason }),
    queueRejected: (queue) => rejections.inc({ queue }),
    watchQueue(queue, depth) {
      const readers = queues.get(queue) ?? [];
      readers.push(depth);
      queues.set(queue, readers);
    },
  };
}
