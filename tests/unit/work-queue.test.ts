import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../src/work-queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('work queue', () => {
  it('runs at most `concurrency` tasks at once and refuses work beyond maxPending', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxPending: 2, onError: () => {} });
    const gates = [deferred(), deferred(), deferred(), deferred()];
    let peak = 0;
    let active = 0;
    const accepted = gates.map((gate) =>
      queue.push(async () => {
        active++;
        peak = Math.max(peak, active);
        await gate.promise;
        active--;
      }),
    );
    await Promise.resolve();
    expect(accepted).toEqual([true, true, true, true]);
    expect(queue.push(async () => {})).toBe(false);
    expect(queue.running).toBe(2);
    expect(queue.pending).toBe(2);
    gates.forEach((g) => g.resolve());
    await queue.onIdle();
    expect(peak).toBe(2);
    expect(queue.running + queue.pending).toBe(0);
  });

  it('reports a failing task and keeps going', async () => {
    const errors: unknown[] = [];
    const queue = createWorkQueue({ concurrency: 1, maxPending: 10, onError: (e) => errors.push(e) });
    let ran = false;
    queue.push(() => {
      throw new Error('sync boom');
    });
    queue.push(async () => Promise.reject(new Error('async boom')));
    queue.push(async () => {
      ran = true;
    });
    await queue.onIdle();
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync boom', 'async boom']);
    expect(ran).toBe(true);
  });
});

describe('work queue: fairness between groups (workspaces)', () => {
  const gate = () => {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    return { promise, open };
  };

  it('runs at most maxPerGroup of one group at once, leaving the other slots to other groups', async () => {
    const queue = createWorkQueue({ concurrency: 4, maxPending: 100, maxPerGroup: 2, onError: () => {} });
    const started: string[] = [];
    const gates: Array<{ open: () => void }> = [];
    const task = (name: string) => async () => {
      started.push(name);
      const g = gate();
      gates.push(g);
      await g.promise;
    };
    for (let i = 0; i < 6; i++) queue.push(task(`a${i}`), 'A');
    for (let i = 0; i < 3; i++) queue.push(task(`b${i}`), 'B');
    await Promise.resolve();
    // A burst first, yet B runs at once in the slots A may not take.
    expect(started).toEqual(['a0', 'a1', 'b0', 'b1']);
    expect(queue.running).toBe(4);
    // When an A task ends, the next A task runs (A is under its share again), in order.
    gates[0]!.open();
    await expect.poll(() => started).toEqual(['a0', 'a1', 'b0', 'b1', 'a2']);
    gates.splice(0).forEach((g) => g.open());
    while (queue.running + queue.pending > 0) {
      gates.splice(0).forEach((g) => g.open());
      await new Promise((r) => setImmediate(r));
    }
    expect(started).toHaveLength(9);
  });

  it('keeps the cap even when nobody else waits: a slot given away cannot be taken back', async () => {
    const queue = createWorkQueue({ concurrency: 4, maxPending: 100, maxPerGroup: 2, onError: () => {} });
    const g = gate();
    for (let i = 0; i < 4; i++) queue.push(() => g.promise, 'A');
    await Promise.resolve();
    expect(queue.running).toBe(2);
    expect(queue.pending).toBe(2);
    g.open();
    await queue.onIdle();
  });

  it('refuses a group beyond its share of the waiting room, others still get in; forced work always does', async () => {
    const queue = createWorkQueue({
      concurrency: 1,
      maxPending: 10,
      maxPerGroup: 1,
      maxPendingPerGroup: 2,
      onError: () => {},
    });
    const g = gate();
    expect(queue.push(() => g.promise, 'A')).toBe(true); // running
    expect(queue.push(() => g.promise, 'A')).toBe(true);
    expect(queue.push(() => g.promise, 'A')).toBe(true);
    expect(queue.push(() => g.promise, 'A')).toBe(false);
    expect(queue.push(() => g.promise, 'B')).toBe(true);
    expect(queue.push(() => g.promise, 'A', { force: true })).toBe(true);
    expect(queue.pending).toBe(4);
    g.open();
    await queue.onIdle();
  });

  it('without groups behaves as before: every slot is anyone’s', async () => {
    const queue = createWorkQueue({ concurrency: 3, maxPending: 10, maxPerGroup: 1, onError: () => {} });
    const g = gate();
    for (let i = 0; i < 3; i++) queue.push(() => g.promise);
    await Promise.resolve();
    expect(queue.running).toBe(3);
    g.open();
    await queue.onIdle();
  });
});
