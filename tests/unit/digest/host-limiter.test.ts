import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/digest/host-limiter.js';

describe('host limiter', () => {
  it('keeps at most perHost per host and total overall, and lets other hosts pass a busy one', async () => {
    const limiter = createHostLimiter({ total: 3, perHost: 2 });
    const active = new Map<string, number>();
    let overall = 0;
    let peakOverall = 0;
    const peak = new Map<string, number>();
    const order: string[] = [];
    const releases: Array<() => void> = [];
    const job = (url: string) =>
      limiter.run(url, async () => {
        const host = new URL(url).host;
        active.set(host, (active.get(host) ?? 0) + 1);
        overall++;
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
        peakOverall = Math.max(peakOverall, overall);
        order.push(url);
        await new Promise<void>((r) => releases.push(r));
        active.set(host, active.get(host)! - 1);
        overall--;
      });
    const jobs = [
      job('https://a.example/1'),
      job('https://a.example/2'),
      job('https://a.example/3'),
      job('https://b.example/1'),
      job('https://b.example/2'),
    ];
    await new Promise((r) => setTimeout(r, 5));
    // a/3 waits for a's slots; b/1 takes the third overall slot ahead of it.
    expect(order).toEqual(['https://a.example/1', 'https://a.example/2', 'https://b.example/1']);
    while (order.length < 5 || releases.length > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(jobs);
    expect(peak.get('a.example')).toBe(2);
    expect(peakOverall).toBe(3);
  });

  it('releases the slot when the work fails', async () => {
    const limiter = createHostLimiter({ total: 1, perHost: 1 });
    await expect(limiter.run('https://a.example/', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(limiter.run('https://a.example/', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
