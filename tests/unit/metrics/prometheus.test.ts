import { describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import {
  applyMetricEvent,
  createPrometheusMetrics,
  forwardingMetrics,
  instrumentBriefService,
  type MetricEvent,
} from '../../../src/metrics/index.js';
import type { BriefService } from '../../../src/service.js';
import { createWorkQueue } from '../../../src/work-queue.js';
import { sampleBrief } from '../../helpers/sample-brief.js';

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean).sort();
    if (JSON.stringify(have) === JSON.stringify(want)) return Number(m[3]);
  }
  return undefined;
}

describe('Prometheus metrics', () => {
  it('renders our counters, histograms and gauges in the text format, with process metrics', async () => {
    const metrics = createPrometheusMetrics();
    metrics.ack('slack', 'slash_command', 0.012);
    metrics.ack('slack', 'slash_command', 0.02);
    metrics.ack('discord', 'command', 0.3);
    metrics.brief('extractive', 'ok', 0.08);
    metrics.brief('none', 'refused', 0.01, 'fetch_http');
    metrics.llmFallback('timeout');
    metrics.llmTokens(800, 120);
    metrics.digestPosted('discord');
    metrics.digestFailed('slack');
    metrics.feedFetchFailed('fetch_timeout');
    const queue = createWorkQueue({
      name: 'slack-brief',
      concurrency: 1,
      maxPending: 1,
      onError: () => {},
      metrics,
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    queue.push(() => gate);
    queue.push(async () => {});
    expect(queue.push(async () => {})).toBe(false);

    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.render();
    expect(sample(text, 'brief_acks_total', { platform: 'slack', kind: 'slash_command' })).toBe(2);
    expect(sample(text, 'brief_acks_total', { platform: 'discord', kind: 'command' })).toBe(1);
    expect(sample(text, 'brief_ack_seconds_count', { platform: 'slack' })).toBe(2);
    expect(sample(text, 'brief_ack_seconds_bucket', { platform: 'slack', le: '0.025' })).toBe(2);
    expect(sample(text, 'brief_ack_seconds_bucket', { platform: 'discord', le: '0.25' })).toBe(0);
    expect(sample(text, 'brief_briefs_total', { engine: 'extractive', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'brief_briefs_total', { engine: 'none', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'brief_brief_refusals_total', { code: 'fetch_http' })).toBe(1);
    expect(sample(text, 'brief_brief_seconds_count', { engine: 'extractive' })).toBe(1);
    expect(sample(text, 'brief_llm_fallbacks_total', { reason: 'timeout' })).toBe(1);
    expect(sample(text, 'brief_llm_tokens_total', { kind: 'prompt' })).toBe(800);
    expect(sample(text, 'brief_llm_tokens_total', { kind: 'completion' })).toBe(120);
    expect(sample(text, 'brief_digest_posts_total', { platform: 'discord' })).toBe(1);
    expect(sample(text, 'brief_digest_failures_total', { platform: 'slack' })).toBe(1);
    expect(sample(text, 'brief_feed_fetch_failures_total', { reason: 'fetch_timeout' })).toBe(1);
    expect(sample(text, 'brief_queue_depth', { queue: 'slack-brief', state: 'running' })).toBe(1);
    expect(sample(text, 'brief_queue_depth', { queue: 'slack-brief', state: 'waiting' })).toBe(1);
    expect(sample(text, 'brief_queue_rejections_total', { queue: 'slack-brief' })).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE brief_ack_seconds histogram');

    release();
    await queue.onIdle();
    const after = await metrics.render();
    expect(sample(after, 'brief_queue_depth', { queue: 'slack-brief', state: 'running' })).toBe(0);
    expect(sample(after, 'brief_queue_depth', { queue: 'slack-brief', state: 'waiting' })).toBe(0);
  });

  it('keeps a registry per instance, so two never mix', async () => {
    const a = createPrometheusMetrics({ defaultMetrics: false });
    const b = createPrometheusMetrics({ defaultMetrics: false });
    a.llmFallback('auth');
    expect(sample(await a.render(), 'brief_llm_fallbacks_total', { reason: 'auth' })).toBe(1);
    expect(sample(await b.render(), 'brief_llm_fallbacks_total', { reason: 'auth' })).toBeUndefined();
  });

  it('carries events recorded elsewhere (a worker thread) as plain, cloneable messages', async () => {
    const events: MetricEvent[] = [];
    const remote = forwardingMetrics((e) => events.push(structuredClone(e)));
    remote.llmTokens(10, 5);
    remote.llmFallback('grounding');
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    for (const e of events) applyMetricEvent(metrics, e);
    const text = await metrics.render();
    expect(sample(text, 'brief_llm_tokens_total', { kind: 'prompt' })).toBe(10);
    expect(sample(text, 'brief_llm_fallbacks_total', { reason: 'grounding' })).toBe(1);
  });
});

describe('instrumented brief service', () => {
  const brief = sampleBrief();
  const fake = (result: () => Promise<typeof brief>): BriefService => ({
    brief: result,
    briefArticle: result,
    ingest: () => Promise.reject(new Error('not used')),
  });

  it('counts each brief by engine and outcome', async () => {
    const metrics = createPrometheusMetrics({ defaultMetrics: false });
    const ok = instrumentBriefService(
      fake(async () => brief),
      metrics,
    );
    await ok.brief({ kind: 'text', text: 'x' });
    const fellBack = instrumentBriefService(
      fake(async () => ({ ...brief, engine: { ...brief.engine, fallbackCode: 'timeout' as const } })),
      metrics,
    );
    await fellBack.briefArticle({} as never);
    const refused = instrumentBriefService(
      fake(() => Promise.reject(new BriefError('not_article', 'Not an article.'))),
      metrics,
    );
    await expect(refused.brief({ kind: 'url', url: 'https://example.com/' })).rejects.toThrow(
      'Not an article.',
    );
    const aborted = instrumentBriefService(
      fake(() => Promise.reject(new DOMException('cancelled', 'AbortError'))),
      metrics,
    );
    await expect(aborted.brief({ kind: 'text', text: 'x' })).rejects.toThrow('cancelled');
    const broken = instrumentBriefService(
      fake(() => Promise.reject(new Error('bug'))),
      metrics,
    );
    await expect(broken.brief({ kind: 'text', text: 'x' })).rejects.toThrow('bug');

    const text = await metrics.render();
    const engine = brief.engine.name;
    expect(sample(text, 'brief_briefs_total', { engine, outcome: 'ok' })).toBe(1);
    expect(sample(text, 'brief_briefs_total', { engine, outcome: 'fallback' })).toBe(1);
    expect(sample(text, 'brief_briefs_total', { engine: 'none', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'brief_brief_refusals_total', { code: 'not_article' })).toBe(1);
    expect(sample(text, 'brief_briefs_total', { engine: 'none', outcome: 'aborted' })).toBe(1);
    expect(sample(text, 'brief_briefs_total', { engine: 'none', outcome: 'error' })).toBe(1);
    expect(sample(text, 'brief_brief_seconds_count', { engine })).toBe(2);
  });
});
