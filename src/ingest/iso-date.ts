/**
 * Dates as pages write them, to ISO 8601 in UTC. A date-time without a zone is read as UTC, not as
 * the server's local time (Date.parse would), so the same page gives the same answer everywhere.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// 05.03.2024 or 05.03.2024 08:30, common on German-language pages.
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?$/;
const HAS_ZONE = /(?:\bZ|\bGMT|\bUTC|[+-]\d{2}:?\d{2}|\b[A-Z]{2,4}T)\s*$/;

const pad = (s: string | undefined, n = 2) => (s ?? '0').padStart(n, '0');

function zone(z: string | undefined): string {
  if (!z || z.toUpperCase() === 'Z') return 'Z';
  return z.includes(':') ? z : `${z.slice(0, 3)}:${z.slice(3)}`;
}

export function toIsoDate(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  let ms: number;
  const iso = ISO.exec(v);
  const dotted = DOTTED.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, z] = iso;
    ms = Date.parse(`${y}-${mo}-${d}T${pad(h)}:${pad(mi)}:${pad(s)}${frac ?? ''}${zone(z)}`);
  } else if (dotted) {
    const [, d, mo, y, h, mi] = dotted;
    ms = Date.parse(`${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00Z`);
  } else {
    ms = Date.parse(HAS_ZONE.test(v) ? v : `${v} UTC`);
  }
  if (Number.isNaN(ms) || new Date(ms).getUTCFullYear() < 1900) return null;
  return new Date(ms).toISOString();
}
