import { describe, expect, it } from 'vitest';
import { dueSlot, nextInstant, scheduledInstant } from '../../../src/digest/schedule.js';
import { localDateOf, localPartsOf, normalizeTime, normalizeTimeZone } from '../../../src/digest/time.js';

const utc = (s: string) => Date.parse(`${s}Z`);

describe('times and zones', () => {
  it.each([
    ['09:00', '09:00'],
    ['9:05', '09:05'],
    [' 23:59 ', '23:59'],
    ['00:00', '00:00'],
  ])('accepts %s as %s', (raw, time) => expect(normalizeTime(raw)).toBe(time));

  it.each(['25:00', '24:00', '9:5', '12:60', '0900', '9', '', 'noon', '-1:00', '09:00:00'])(
    'rejects %j',
    (raw) => expect(normalizeTime(raw)).toBeNull(),
  );

  it('accepts IANA names in any case and returns their canonical spelling', () => {
    expect(normalizeTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(normalizeTimeZone('america/new_york')).toBe('America/New_York');
    expect(normalizeTimeZone('UTC')).toBe('UTC');
  });

  it.each(['Mars/Olympus_Mons', 'Europe/Berlinn', '+02:00', 'GMT+2 ', '', 'Europe/../etc'])(
    'rejects %j',
    (raw) => expect(normalizeTimeZone(raw)).toBeNull(),
  );

  it('gives the local date and time in a zone', () => {
    expect(localPartsOf(utc('2025-06-01T23:30:00'), 'Europe/Berlin')).toEqual({
      date: '2025-06-02',
      time: '01:30',
    });
    expect(localDateOf(utc('2025-06-02T03:00:00'), 'America/Los_Angeles')).toBe('2025-06-01');
  });
});

describe('scheduledInstant', () => {
  it('keeps 09:00 local across daylight saving in New York and London', () => {
    expect(scheduledInstant('2025-03-08', '09:00', 'America/New_York')).toBe(utc('2025-03-08T14:00:00'));
    expect(scheduledInstant('2025-03-09', '09:00', 'America/New_York')).toBe(utc('2025-03-09T13:00:00'));
    expect(scheduledInstant('2025-11-02', '09:00', 'America/New_York')).toBe(utc('2025-11-02T14:00:00'));
    expect(scheduledInstant('2025-03-29', '09:00', 'Europe/London')).toBe(utc('2025-03-29T09:00:00'));
    expect(scheduledInstant('2025-03-30', '09:00', 'Europe/London')).toBe(utc('2025-03-30T08:00:00'));
    expect(scheduledInstant('2025-10-26', '09:00', 'Europe/London')).toBe(utc('2025-10-26T09:00:00'));
  });

  it('runs a time inside the spring-forward gap when the clock jumps', () => {
    // New York: 02:00 EST -> 03:00 EDT on 9 March 2025; 02:30 does not exist.
    expect(scheduledInstant('2025-03-09', '02:30', 'America/New_York')).toBe(utc('2025-03-09T07:00:00'));
    expect(scheduledInstant('2025-03-10', '02:30', 'America/New_York')).toBe(utc('2025-03-10T06:30:00'));
    // London: 01:00 GMT -> 02:00 BST on 30 March 2025.
    expect(scheduledInstant('2025-03-30', '01:30', 'Europe/London')).toBe(utc('2025-03-30T01:00:00'));
  });

  it('runs a repeated fall-back time at its first occurrence', () => {
    // New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST) on 2 November 2025.
    expect(scheduledInstant('2025-11-02', '01:30', 'America/New_York')).toBe(utc('2025-11-02T05:30:00'));
    // London: 01:30 at 00:30 UTC (BST) and 01:30 UTC (GMT) on 26 October 2025.
    expect(scheduledInstant('2025-10-26', '01:30', 'Europe/London')).toBe(utc('2025-10-26T00:30:00'));
  });

  it('handles zones far from UTC on both sides and half-hour zones', () => {
    expect(scheduledInstant('2025-06-02', '00:00', 'Pacific/Kiritimati')).toBe(utc('2025-06-01T10:00:00'));
    expect(scheduledInstant('2025-06-02', '23:59', 'Pacific/Pago_Pago')).toBe(utc('2025-06-03T10:59:00'));
    expect(scheduledInstant('2025-06-02', '09:00', 'Asia/Kolkata')).toBe(utc('2025-06-02T03:30:00'));
  });

  it('returns null for a date a zone skipped (Samoa, 30 December 2011)', () => {
    expect(scheduledInstant('2011-12-30', '09:00', 'Pacific/Apia')).toBeNull();
  });

  it('gives the next run after a moment', () => {
    expect(nextInstant('09:00', 'UTC', utc('2025-06-02T09:00:00'))).toBe(utc('2025-06-03T09:00:00'));
    expect(nextInstant('09:00', 'UTC', utc('2025-06-02T08:59:00'))).toBe(utc('2025-06-02T09:00:00'));
  });
});

describe('dueSlot', () => {
  const since = utc('2025-01-01T00:00:00');

  it('is due from the scheduled time until the local day ends', () => {
    const s = { time: '09:00', timezone: 'Europe/Berlin', since };
    expect(dueSlot(s, utc('2025-06-02T06:59:00'))).toBeNull();
    expect(dueSlot(s, utc('2025-06-02T07:00:00'))).toEqual({
      localDate: '2025-06-02',
      at: utc('2025-06-02T07:00:00'),
    });
    // Down from 07:00 to 21:59 UTC (23:59 local): still today's slot.
    expect(dueSlot(s, utc('2025-06-02T21:59:00'))?.localDate).toBe('2025-06-02');
    // After local midnight the missed day is gone; the new day's slot is not due yet.
    expect(dueSlot(s, utc('2025-06-02T22:30:00'))).toBeNull();
  });

  it('is not due for a slot that passed before the schedule was set', () => {
    const s = { time: '09:00', timezone: 'UTC', since: utc('2025-06-02T10:00:00') };
    expect(dueSlot(s, utc('2025-06-02T10:01:00'))).toBeNull();
    expect(dueSlot(s, utc('2025-06-03T09:00:00'))?.localDate).toBe('2025-06-03');
  });
});
