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
