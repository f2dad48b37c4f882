import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/brief.js';
import { loadConfig } from '../../../src/config.js';
import { createExtractiveEngine } from '../../../src/engines/extractive/index.js';
import type { Deliverer, Notice } from '../../../src/jobs/deliverer.js';
import { RetryLater, TOO_SLOW } from '../../../src/jobs/failure.js';
import { createJobRunner, type JobRunnerDeps } from '../../../src/jobs/runner.js';
import type { BriefJob, SlackTarget } from '../../../src/jobs/types.js';
import { createLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { summitPage } from '../../helpers/slack-pages.js';

/**
 * The runner with the real brief service (ingest over HTTP, the extractive engine) and a platform
 * that records what it was asked to deliver: what every adapter's deliverer receives.
 */
type Sent = { brief: Brief; requestedUrl: string | null } | { notice: Notice };

function recordingPlatform(
  script: { unreachableAfter?: number; refuseBrief?: number; unavailableBrief?: number } = {},
) {
  const sent: Sent[] = [];
  let briefs = 0;
  const deliverer: Deliverer<SlackTarget> = {
    publisher: {
      postParent: () => Promise.reject(new Error('not in this test')),
      postStory: () => Promise.reject(new Error('not in this test')),
    },
    cannotPost: () => false,
    transient: (err) => err instanceof Error && err.message === 'platform unavailable',
    open: () => ({
      async brief(brief, { requestedUrl }) {
        briefs += 1;
        if (briefs === script.refuseBrief) throw new Error('platform refused the message');
        if (briefs === script.unavailableBrief) throw new Error('platform unavailable');
        sent.push({ brief, requestedUrl });
        if (script.unreachableAfter !== undefined && sent.length >= script.unreachableAfter)
          return { status: 'unreachable' };
        return { status: 'delivered', via: 'channel' };
      },
      async notice(notice) {
        sent.push({ notice });
        return script.unreachableAfter === undefined || sent.length < script.unreachableAfter;
      },
    }),
  };
  return { deliverer, sent };
}

/** The text of an error notice, or null when `sent` is something else. */
const errorMessage = (sent: Sent | undefined) =>
  sent && 'notice' in sent && sent.notice.kind === 'error' ? sent.notice.message : null;

const target: SlackTarget = { platform: 'slack', teamId: 'T1', channel: 'C1', user: 'U1', receivedAt: 0 };

let pages: ArticleServer;
const logs: Array<Record<string, unknown>> = [];
let deps: Omit<JobRunnerDeps, 'deliverers'>;

beforeAll(async () => {
  pages = await startArticleServer({ '/summit': summitPage(), '/slow': { hang: true } });
  const config = loadConfig({
    BRIEF_ENGINE: 'extractive',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${pages.port}`,
  });
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const service = createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  deps = { service, digest: null, logger };
});
afterAll(() => pages?.close());

const briefJob = (urls: string[], extra: Partial<BriefJob> = {}): BriefJob => ({
  kind: 'brief',
  inputs: urls.map((url) => ({ kind: 'url', url })),
  caller: 'slack:T1/C1',
  target,
  ...extra,
});

describe('a brief job', () => {
  it('briefs each input in order and delivers each brief with the URL that was asked for', async () => {
    const { deliverer, sent } = recordingPlatform();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    const url = pages.url('/summit');
    expect(await runner.run(briefJob([url, `${url}?again`]), { id: 'j1' })).toEqual({ status: 'done' });
    expect(sent.map((s) => ('brief' in s ? s.requestedUrl : s.notice.kind))).toEqual([url, `${url}?again`]);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'brief delivered', job: 'j1', caller: 'slack:T1/C1', via: 'channel' }),
    );
  });

  it('tells the user why one input failed, and goes on with the next', async () => {
    const { deliverer, sent } = recordingPlatform();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    await runner.run(briefJob([pages.url('/missing'), pages.url('/summit')]), { id: 'j2' });
    expect(errorMessage(sent[0])).toMatch(/404/);
    expect('brief' in sent[1]!).toBe(true);
  });

  it('says "went wrong" when the platform refuses a brief, logs it as an error, and goes on', async () => {
    const { deliverer, sent } = recordingPlatform({ refuseBrief: 1 });
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    await runner.run(briefJob([pages.url('/summit'), pages.url('/summit')]), { id: 'j3' });
    expect(errorMessage(sent[0])).toMatch(/went wrong on our side/);
    expect('brief' in sent[1]!).toBe(true);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'brief delivery failed', job: 'j3' }),
    );
  });

  it('stops as soon as the requester cannot be reached any more', async () => {
    const { deliverer, sent } = recordingPlatform({ unreachableAfter: 1 });
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    const url = pages.url('/summit');
    expect(await runner.run(briefJob([url, url, url]), { id: 'j4' })).toEqual({ status: 'unreachable' });
    expect(sent).toHaveLength(1);
  });

  it('gives up at the requester’s deadline and says it took too long', async () => {
    const { deliverer, sent } = recordingPlatform();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    // Already past (a job that waited too long in a queue): the work stops at once.
    const job = briefJob([pages.url('/slow')], { expiresAt: Date.now() - 1 });
    await runner.run(job, { id: 'j5' });
    expect(sent).toEqual([{ notice: { kind: 'error', message: TOO_SLOW } }]);
  });

  it('says "restarting" when the process stops during the work', async () => {
    const { deliverer, sent } = recordingPlatform();
    const shutdown = new AbortController();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer }, shutdown: shutdown.signal });
    const slow = () => pages.requests.filter((r) => r.path === '/slow').length;
    const before = slow();
    const running = runner.run(briefJob([pages.url('/slow')]), { id: 'j6' });
    await expect.poll(slow).toBeGreaterThan(before);
    shutdown.abort();
    await running;
    expect(sent).toEqual([{ notice: { kind: 'restarting' } }]);
  });

  it('logs a job for a platform it cannot deliver to, and never rejects', async () => {
    const runner = createJobRunner({ ...deps, deliverers: {} });
    await expect(runner.run(briefJob([pages.url('/summit')]), { id: 'j7' })).resolves.toEqual({
      status: 'done',
    });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'job crashed', job: 'j7' }));
  });
});

describe('a job with attempts left (a queue that retries)', () => {
  it('is handed back, untold, when the process stops before anything was sent', async () => {
    const { deliverer, sent } = recordingPlatform();
    const shutdown = new AbortController();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer }, shutdown: shutdown.signal });
    const running = runner.run(briefJob([pages.url('/slow')]), { id: 'r1', finalAttempt: false });
    const before = pages.requests.filter((r) => r.path === '/slow').length;
    await expect.poll(() => pages.requests.filter((r) => r.path === '/slow').length).toBeGreaterThan(before);
    shutdown.abort();
    await expect(running).rejects.toBeInstanceOf(RetryLater);
    expect(sent).toEqual([]);
  });

  it('is handed back when the platform is down for its first brief, and answered on the last attempt', async () => {
    const url = pages.url('/summit');
    const first = recordingPlatform({ unavailableBrief: 1 });
    const runner = createJobRunner({ ...deps, deliverers: { slack: first.deliverer } });
    await expect(runner.run(briefJob([url]), { id: 'r2', finalAttempt: false })).rejects.toBeInstanceOf(
      RetryLater,
    );
    expect(first.sent).toEqual([]);

    const last = recordingPlatform({ unavailableBrief: 1 });
    const lastRunner = createJobRunner({ ...deps, deliverers: { slack: last.deliverer } });
    await lastRunner.run(briefJob([url]), { id: 'r2', finalAttempt: true });
    expect(errorMessage(last.sent[0])).toMatch(/went wrong on our side/);
  });

  it('is never handed back once something reached the requester, nor for the user’s own mistakes', async () => {
    const url = pages.url('/summit');
    const { deliverer, sent } = recordingPlatform({ unavailableBrief: 2 });
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    await runner.run(briefJob([url, url]), { id: 'r3', finalAttempt: false });
    expect('brief' in sent[0]!).toBe(true);
    expect(errorMessage(sent[1])).toMatch(/went wrong on our side/);

    const mistake = recordingPlatform();
    const again = createJobRunner({ ...deps, deliverers: { slack: mistake.deliverer } });
    await again.run(briefJob([pages.url('/missing')]), { id: 'r4', finalAttempt: false });
    expect(errorMessage(mistake.sent[0])).toMatch(/404/);
  });
});

describe('a digest job', () => {
  it('answers that digests are off when this process has no digest service', async () => {
    const { deliverer, sent } = recordingPlatform();
    const runner = createJobRunner({ ...deps, deliverers: { slack: deliverer } });
    await runner.run({ kind: 'digest', command: { action: 'now' }, target }, { id: 'd1' });
    expect(sent).toHaveLength(1);
    expect(errorMessage(sent[0])).toMatch(/not enabled/);
  });
});
