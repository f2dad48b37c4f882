import { describe, expect, it } from 'vitest';
import { createInflight, WaiterAborted } from '../../src/inflight.js';

/** A call we finish by hand, observing the signal it was given. */
function deferred() {
  let resolve!: (v: string) => void;
  let signal!: AbortSignal;
  let starts = 0;
  const start = (s: AbortSignal) => {
    starts++;
    signal = s;
    return new Promise<string>((r) => (resolve = r));
  };
  return { start, resolve: (v: string) => resolve(v), signal: () => signal, starts: () => starts };
}

describe('in-flight sharing', () => {
  it('runs one call for concurrent identical keys and gives all waiters its result', async () => {
    const inflight = createInflight<string>();
    const call = deferred();
    const results = Promise.all([1, 2, 3].map(() => inflight.run('k', call.start)));
    await Promise.resolve();
    call.resolve('brief');
    expect(await results).toEqual(['brief', 'brief', 'brief']);
    expect(call.starts()).toBe(1);
    expect(inflight.size).toBe(0);
  });

  it('lets one waiter give up without cancelling the call for the others', async () => {
    const inflight = createInflight<string>();
    const call = deferred();
    const quitter = new AbortController();
    const a = inflight.run('k', call.start, quitter.signal);
    const b = inflight.run('k', call.start, new AbortController().signal);
    await Promise.resolve();
    quitter.abort();
    await expect(a).rejects.toBeInstanceOf(WaiterAborted);
    expect(call.signal().aborted).toBe(false);
    call.resolve('brief');
    expect(await b).toBe('brief');
  });

  it('aborts the call when every waiter has given up, and starts afresh after', async () => {
    const inflight = createInflight<string>();
    const call = deferred();
    const c1 = new AbortController();
    const c2 = new AbortController();
    const a = inflight.run('k', call.start, c1.signal);
    const b = inflight.run('k', call.start, c2.signal);
    await Promise.resolve();
    c1.abort();
    c2.abort();
    await expect(a).rejects.toBeInstanceOf(WaiterAborted);
    await expect(b).rejects.toBeInstanceOf(WaiterAborted);
    expect(call.signal().aborted).toBe(true);
    const fresh = deferred();
    const c = inflight.run('k', fresh.start);
    await Promise.resolve();
    fresh.resolve('again');
    expect(await c).toBe('again');
    expect(fresh.starts()).toBe(1);
  });

  it('refuses a waiter whose deadline has already passed, without starting anything', async () => {
    const inflight = createInflight<string>();
    const call = deferred();
    await expect(inflight.run('k', call.start, AbortSignal.abort())).rejects.toBeInstanceOf(WaiterAborted);
    expect(call.starts()).toBe(0);
  });

  it('passes a failure to every waiter and forgets the key', async () => {
    const inflight = createInflight<string>();
    const fail = () => Promise.reject(new Error('boom'));
    await expect(inflight.run('k', fail)).rejects.toThrow('boom');
    expect(inflight.size).toBe(0);
  });
});
