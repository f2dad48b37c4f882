/** Discord shows at most 25 autocomplete choices, each name and value at most 100 characters. */
export const MAX_CHOICES = 25;

let zones: string[] | null = null;

/** IANA zones this Node knows (the same ICU data the digest service checks zones with), plus UTC. */
function allZones(): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

/**
 * Zones matching what the user typed so far: "berl" finds Europe/Berlin, "new york" finds
 * America/New_York. Zones whose city starts with the text come first, then any that contain it.
 */
export function suggestTimezones(typed: string): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (!needle)
    return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of allZones()) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    if (city.startsWith(needle) || lower.startsWith(needle)) starts.push(zone);
    else if (lower.includes(needle)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, MAX_CHOICES);
}
