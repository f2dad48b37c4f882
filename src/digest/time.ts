import { BriefError } from '../errors.js';

/**
 * Local times and IANA zones for digest schedules. Pure (Intl only); the croner arithmetic that
 * turns them into instants lives in schedule.ts.
 */

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "9:05" and "09:05" => "09:05"; anything else (25:00, 9:5, 12:60, 0900) => null. */
export function normalizeTime(raw: string): string | null {
  const m = HH_MM.exec(raw.trim());
  if (!m) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export function parseTimeOrThrow(raw: string): string {
  const time = normalizeTime(raw);
  if (time === null) {
    throw new BriefError(
      'invalid_schedule',
      `"${raw.slice(0, 40)}" is not a time of day. Use 24-hour HH:MM, for example 09:00 or 17:30.`,
    );
  }
  return time;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter for a zone; throws RangeError for a zone Intl does not know. */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's canonical IANA spelling ("europe/berlin" => "Europe/Berlin"), or null when unknown. */
export function normalizeTimeZone(raw: string): string | null {
  const zone = raw.trim();
  // Offsets ("+02:00") and abbreviations ("CET") do not follow daylight saving: only region names do.
  if (!zone || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function parseTimeZoneOrThrow(raw: string): string {
  const zone = normalizeTimeZone(raw);
  if (zone === null) {
    throw new BriefError(
      'invalid_schedule',
      `"${raw.slice(0, 60)}" is not a time zone we know. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
    );
  }
  return zone;
}

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

/** The wall-clock date and time at `at` (Unix ms) in `zone`. */
export function localPartsOf(at: number, zone: string): LocalParts {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function localDateOf(at: number, zone: string): string {
  return localPartsOf(at, zone).date;
}
