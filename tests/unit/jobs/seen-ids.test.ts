import { describe, expect, it } from 'vitest';
import { createSeenIds } from '../../../src/jobs/seen-ids.js';

describe('event id memory', () => {
  it('says "first time" once per id within the TTL, and again after it', () => {
    const clock = { t: 0 };
    const seen = createSeenIds(() => clock.t, 1_000);
    expect(seen.firstTime('Ev1')).toBe(true);
    expect(seen.firstTime('Ev1')).toBe(false);
    expect(seen.firstTime('Ev2')).toBe(true);
    clock.t = 999;
    expect(seen.firstTime('Ev1')).toBe(false);
    clock.t = 1_000;
    expect(seen.firstTime('Ev1')).toBe(true);
  });

  it('forgets expired ids so memory stays bounded', () => {
    const clock = { t: 0 };
    const seen = createSeenIds(() => clock.t, 10);
    for (let i = 0; i < 1_000; i++) {
      clock.t = i;
      seen.firstTime(`Ev${i}`);
    }
    expect(seen.size).toBeLessThanOrEqual(11);
  });

  it('caps memory at 10,000 ids even within the TTL', () => {
    const seen = createSeenIds(() => 0, 60_000);
    for (let i = 0; i < 12_000; i++) seen.firstTime(`Ev${i}`);
    expect(seen.size).toBeLessThanOrEqual(10_001);
  });
});
