import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import type { Deliverer } from '../../../src/jobs/deliverer.js';
import { RetryLater } from '../../../src/jobs/failure.js';
import { createJobRunner } from '../../../src/jobs/runner.js';
import type { BriefJob, SlackTarget } from '../../../src/jobs/types.js';
import { createLogger } from '../../../src/logger.js';
import type { BriefRequestOptions, BriefService } from '../../../src/service.js';
import { openSqliteStore } from '../../../src/store/open-store.js';
import { workspaceBriefOptions } from '../../../src/workspace-settings.js';
import { sampleBrief } from '../../helpers/sample-brief.js';

/**
 * The runner and a workspace's state: a workspace that uninstalled, one Slack asked to wait (a
 * 429), and one with defaults of its own (App Home), with a service that records its options.
 */
const target: SlackTarget = { platform: 'slack', teamId: 'T1', channel: 'C1', user: 'U1', receivedAt: 0 };
const job: BriefJob = { kind: 'brief', inputs: [{ kind: 'text', text: 'x' }], caller: 'slack:T1/C1', target };

function setup(platform: { reachable?: boolean; deferMs?: number } = {}) {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const asked: BriefRequestOptions[] = [];
  const delivered: Brief[] = [];
  const service: BriefService = {
    brief: async (_input, options = {}) => {
      asked.push(options);
      return sampleBrief();
    },
    ingest: () => Promise.reject(new Error('unused')),
    briefArticle: () => Promise.reject(new Error('unused')),
  };
  const deliverer: Deliverer<SlackTarget> = {
    publisher: {
      postParent: () => Promise.reject(new Error('unused')),
      postStory: () => Promise.reject(new Error('unused')),
    },
    cannotPost: () => false,
    transient: () => false,
    ...(platform.reachable === undefined ? {} : { reachable: async () => platform.reachable! }),
    ...(platform.deferMs === undefined ? {} : { deferMs: () => platform.deferMs! }),
    open: () => ({
      async brief(brief) {
        delivered.push(brief);
        return { status: 'delivered', via: 'channel' };
      },
      notice: async () => true,
    }),
  };
  return { logs, logger, asked, delivered, service, deliverer };
}

describe('jobs and their workspace', () => {
  it('ends a job quietly when its workspace has no installation any more', async () => {
    const t = setup({ reachable: false });
    const runner = createJobRunner({
      service: t.service,
      digest: null,
      deliverers: { slack: t.deliverer },
      logger: t.logger,
    });
    expect(await runner.run(job, { id: 'j1' })).toEqual({ status: 'unreachable' });
    expect(t.asked).toEqual([]);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'job dropped: the workspace has no installation any more',
      }),
    );
    expect(t.logs.filter((l) => l['level'] === 'error')).toEqual([]);
  });

  it('hands a job back with the wait when its workspace is rate limited and the queue can defer', async () => {
    const t = setup({ deferMs: 1500 });
    const runner = createJobRunner({
      service: t.service,
      digest: null,
      deliverers: { slack: t.deliverer },
      logger: t.logger,
    });
    const err = await runner.run(job, { id: 'j2', canDefer: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLater);
    expect((err as RetryLater).delayMs).toBe(1500);
    expect(t.asked).toEqual([]);
    // A queue that cannot defer: the job runs (and its client waits out the 429 itself).
    expect(await runner.run(job, { id: 'j3' })).toEqual({ status: 'done' });
    expect(t.delivered).toHaveLength(1);
  });

  it('briefs with the workspace’s defaults, the LLM default falling back when the server has none', async () => {
    const store = openSqliteStore(':memory:');
    try {
      const ws = { platform: 'slack' as const, workspaceId: 'T1' };
      await store.putWorkspaceSettings(ws, {
        engine: 'llm',
        language: 'de',
        length: 'short',
        updatedBy: 'U',
        updatedAt: 1,
      });
      const t = setup();
      const run = (llmConfigured: boolean) =>
        createJobRunner({
          service: t.service,
          digest: null,
          deliverers: { slack: t.deliverer },
          logger: t.logger,
          briefOptionsFor: workspaceBriefOptions({ store, llmConfigured, logger: t.logger }),
        }).run(job, { id: 'j' });
      await run(true);
      await run(false);
      await store.putWorkspaceSettings(ws, {
        engine: null,
        language: 'auto',
        length: null,
        updatedBy: 'U',
        updatedAt: 2,
      });
      await run(true);
      const strip = ({ signal: _s, ...rest }: BriefRequestOptions) => rest;
      expect(t.asked.map(strip)).toEqual([
        // Chat surfaces always refuse pages that are not articles (articlesOnly).
        { engine: 'llm', language: 'de', length: 'short', caller: 'slack:T1/C1', articlesOnly: true },
        { language: 'de', length: 'short', caller: 'slack:T1/C1', articlesOnly: true },
        // 'auto': the article's own language, even where the server sets BRIEF_LANGUAGE.
        { language: null, caller: 'slack:T1/C1', articlesOnly: true },
      ]);
    } finally {
      await store.close();
    }
  });
});
