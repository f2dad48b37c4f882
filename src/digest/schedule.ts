import { Cron } from 'croner';
import type { ChannelSchedule } from '../store/store.js';
import { localDateOf } from './time.js';

/**
 * When a channel's daily digest is due. Croner does the time-zone arithmetic: on a
 * spring-forward day a time inside the gap (02:30 in New York) runs when the clock jumps (03:00);
 * on a fall-back day a repeated time (01:30) runs at its first occurrence. The ledger adds
 * "exactly once per local date" on top, so the repeat can never send a second digest.
 */

const crons = new Map<string, Cron>();

function cronFor(time: string, timezone: string): Cron {
  const id = `${time} ${timezone}`;
  let cron = crons.get(id);
  if (!cron) {
    const [h, m] = time.split(':').map(Number);
    // paused: croner is used for arithmetic only; the scheduler owns the timer.
    cron = new Cron(`${m} ${h} * * *`, { timezone, paused: true });
    crons.set(id, cron);
  }
  return cron;
}

const HOUR = 3_600_000;

/**
 * The instant of `time` on the local date `localDate` (YYYY-MM-DD) in `timezone`, or null when
 * that date has no such time at all (a zone that skipped a whole day).
 */
export function scheduledInstant(localDate: string, time: string, timezone: string): number | null {
  const [y = 1970, mo = 1, d = 1] = localDate.split('-').map(Number);
  // Every zone's local midnight lies within UTC-12..UTC+14 of UTC midnight: start before the earliest.
  let from = new Date(Date.UTC(y, mo - 1, d) - 15 * HOUR);
  const cron = cronFor(time, timezone);
  for (let i = 0; i < 4; i++) {
    const next = cron.nextRun(from);
    if (!next) return null;
    const date = localDateOf(next.getTime(), timezone);
    if (date === localDate) return next.getTime();
    if (date > localDate) return null;
    from = next;
  }
  return null;
}

export interface DueSlot {
  localDate: string;
  at: number;
}

/**
 * Today's slot (in the channel's zone) when it has come: at or after its time, and set before that
 * time (a schedule created or moved at 10:00 for 09:00 starts tomorrow; a bot that was down at 09:00
 * catches up when it returns, the same local day). Whether it already ran is the ledger's question.
 */
export function dueSlot(
  schedule: Pick<ChannelSchedule, 'time' | 'timezone' | 'since'>,
  now: number,
): DueSlot | null {
  const localDate = localDateOf(now, schedule.timezone);
  const at = scheduledInstant(localDate, schedule.time, schedule.timezone);
  if (at === null || now < at || at < schedule.since) return null;
  return { localDate, at };
}

/** The next instant the schedule fires after `now` (for "next digest at ..." messages). */
export function nextInstant(time: string, timezone: string, now: number): number | null {
  return cronFor(time, timezone).nextRun(new Date(now))?.getTime() ?? null;
}
