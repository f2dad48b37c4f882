import { describe, expect, it } from 'vitest';
import { RetryLater } from '../../../src/jobs/failure.js';
import { createInProcessJobQueue, MAX_DEFERRALS } from '../../../src/jobs/queue.js';
import type { BriefJob, Job, SlackTarget } from '../../../src/jobs/types.js';
import { createWorkQueue } from '../../../src/work-queue.js';

const target: SlackTarget = {
  platform: 'slack',
  teamId: 'T1',
  channel: 'C1',
  user: 'U1',
  receivedAt: 1_700_000_000_000,
};
const job = (text = 'Some article text.'): BriefJob => ({
  kind: 'brief',
  inputs: [{ kind: 'text', text }],
  caller: 'slack:T1/C1',
  target,
});
const digestJob: Job = { kind: 'digest', command: { action: 'now' }, target };

/** Lanes whose tasks wait until released, so a test decides when work finishes. */
function gatedQueue(options: { concurrency?: number; maxPending?: number } = {}) {
  const ran: Array<{ job: Job; id: string }> = [];
  const gates: Array<() => void> = [];
  const lane = () =>
    createWorkQueue({
      concurrency: options.concurrency ?? 1,
      maxPending: options.maxPending ?? 10,
      onError: (err) => {
        throw err;
      },
    });
  const lanes = { brief: lane(), digest: lane() };
  const clock = { now: 0 };
  const queue = createInProcessJobQueue({
    lanes,
    now: () => clock.now,
    run: (j, meta) => {
      ran.push({ job: j, id: meta.id });
      return new Promise<void>((resolve) => gates.push(resolve));
    },
  });
  const releaseAll = async () => {
    while (gates.length > 0 || lanes.brief.pending + lanes.digest.pending > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { queue, lanes, ran, clock, releaseAll };
}

describe('the in-process job queue', () => {
  it('runs an accepted job once, with its id, as the JSON a Redis queue would store', async () => {
    const { queue, ran, releaseAll } = gatedQueue();
    const original = job();
    expect(await queue.enqueue(original, { id: 'slack-command-1' })).toBe('accepted');
    await expect.poll(() => ran.length).toBe(1);
    expect(ran[0]).toEqual({ job: original, id: 'slack-command-1' });
    // A copy: nothing the receiving side keeps a reference to can reach the runner.
    expect(ran[0]!.job).not.toBe(original);
    await releaseAll();
    await queue.onIdle();
  });

  it('drops what JSON cannot carry, so a job that only works in one process fails here too', async () => {
    const { queue, ran, releaseAll } = gatedQueue();
    const sneaky = { ...job(), target: { ...target, extra: () => 'closure' } } as unknown as Job;
    await queue.enqueue(sneaky, { id: 'x-1' });
    await expect.poll(() => ran.length).toBe(1);
    expect('extra' in ran[0]!.job.target).toBe(false);
    await releaseAll();
  });

  it('treats the same id as the same job: a repeated request is a duplicate, not a second run', async () => {
    const { queue, ran, clock, releaseAll } = gatedQueue();
    expect(await queue.enqueue(job(), { id: 'slack-event-Ev1' })).toBe('accepted');
    expect(await queue.enqueue(job(), { id: 'slack-event-Ev1' })).toBe('duplicate');
    await releaseAll();
    await queue.onIdle();
    expect(await queue.enqueue(job(), { id: 'slack-event-Ev1' })).toBe('duplicate');
    // Remembered for ten minutes, the longest Slack takes to retry an event.
    clock.now = 10 * 60_000;
    expect(await queue.enqueue(job(), { id: 'slack-event-Ev1' })).toBe('accepted');
    await releaseAll();
    expect(ran.map((r) => r.id)).toEqual(['slack-event-Ev1', 'slack-event-Ev1']);
  });

  it('says busy when the lane is full, and accepts the same request once there is room', async () => {
    const { queue, releaseAll } = gatedQueue({ concurrency: 1, maxPending: 1 });
    expect(await queue.enqueue(job(), { id: 'a' })).toBe('accepted');
    expect(await queue.enqueue(job(), { id: 'b' })).toBe('accepted');
    expect(await queue.enqueue(job(), { id: 'c' })).toBe('busy');
    await releaseAll();
    expect(await queue.enqueue(job(), { id: 'c' })).toBe('accepted');
    await releaseAll();
    await queue.onIdle();
  });

  it('keeps digests in their own lane, so they never take the slots of single briefs', async () => {
    const { queue, lanes, ran, releaseAll } = gatedQueue({ concurrency: 1, maxPending: 1 });
    expect(await queue.enqueue(digestJob, { id: 'd1' })).toBe('accepted');
    expect(await queue.enqueue(digestJob, { id: 'd2' })).toBe('accepted');
    expect(await queue.enqueue(digestJob, { id: 'd3' })).toBe('busy');
    // The digest lane is full; a brief still gets its own slot at once.
    expect(await queue.enqueue(job(), { id: 'b1' })).toBe('accepted');
    expect([lanes.digest.running, lanes.digest.pending, lanes.brief.running]).toEqual([1, 1, 1]);
    await releaseAll();
    await queue.onIdle();
    expect(ran.map((r) => r.job.kind).sort()).toEqual(['brief', 'digest', 'digest']);
  });
});

describe('the in-process job queue: rate-limited jobs wait outside their slot', () => {
  const timers = () => {
    const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    return {
      pending,
      setTimer: (fn: () => void, ms: number) => {
        const t = { fn, ms, cancelled: false };
        pending.push(t);
        return { cancel: () => (t.cancelled = true) };
      },
      fire() {
        for (const t of pending.splice(0)) if (!t.cancelled) t.fn();
      },
    };
  };
  const lane = (concurrency = 1) =>
    createWorkQueue({
      concurrency,
      maxPending: 10,
      onError: (err) => {
        throw err;
      },
    });

  it('puts a job off for the delay RetryLater names, frees its slot meanwhile, and runs it again', async () => {
    const clock = timers();
    const lanes = { brief: lane(1), digest: lane(1) };
    const runs: Array<{ id: string; canDefer: boolean | undefined }> = [];
    let limited = true;
    const queue = createInProcessJobQueue({
      lanes,
      setTimer: clock.setTimer,
      run: async (_job, meta) => {
        runs.push({ id: meta.id, canDefer: meta.canDefer });
        if (meta.id === 'a' && limited) throw new RetryLater('rate limited', { delayMs: 2000 });
      },
    });
    await queue.enqueue(job('A'), { id: 'a' });
    await queue.enqueue(job('B'), { id: 'b' });
    await expect.poll(() => runs.map((r) => r.id)).toEqual(['a', 'b']);
    expect(runs[0]!.canDefer).toBe(true);
    expect(clock.pending.map((t) => t.ms)).toEqual([2000]);
    // Deferred is not idle.
    let idle = false;
    void queue.onIdle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    limited = false;
    clock.fire();
    await expect.poll(() => runs.map((r) => r.id)).toEqual(['a', 'b', 'a']);
    await expect.poll(() => idle).toBe(true);
  });

  it('stops putting a job off after MAX_DEFERRALS, and at once when the process stops', async () => {
    const clock = timers();
    const stop = new AbortController();
    const runs: Array<boolean | undefined> = [];
    const queue = createInProcessJobQueue({
      lanes: { brief: lane(), digest: lane() },
      setTimer: clock.setTimer,
      shutdown: stop.signal,
      run: async (_job, meta) => {
        runs.push(meta.canDefer);
        if (meta.canDefer) throw new RetryLater('rate limited', { delayMs: 1000 });
      },
    });
    await queue.enqueue(job('A'), { id: 'a' });
    for (let i = 0; i < MAX_DEFERRALS; i++) {
      await expect.poll(() => clock.pending.length).toBe(1);
      clock.fire();
    }
    await queue.onIdle();
    expect(runs).toEqual([...Array<boolean>(MAX_DEFERRALS).fill(true), undefined]);

    runs.length = 0;
    await queue.enqueue(job('A'), { id: 'a2' });
    await expect.poll(() => clock.pending.length).toBe(1);
    stop.abort();
    await queue.onIdle();
    // Run again at once, no longer deferrable: it answers ("restarting") instead of waiting.
    expect(runs).toEqual([true, undefined]);
  });
});
