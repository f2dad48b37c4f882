import { describe, expect, it } from 'vitest';
import { MAX_CHOICES, suggestTimezones } from '../../../../adapters/discord/timezones.js';

describe('time zone suggestions', () => {
  it.each([
    ['berl', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
    ['NEW_Y', 'America/New_York'],
    ['europe/par', 'Europe/Paris'],
    ['utc', 'UTC'],
  ])('%j suggests %s first', (typed, zone) => {
    expect(suggestTimezones(typed)[0]).toBe(zone);
  });

  it('puts cities starting with the text before zones merely containing it, and never more than 25', () => {
    const an = suggestTimezones('an');
    expect(an.length).toBe(MAX_CHOICES);
    expect(an).toContain('America/Anchorage');
    const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
    const firstContaining = an.findIndex(
      (z) => !city(z).startsWith('an') && !z.toLowerCase().startsWith('an'),
    );
    expect(firstContaining === -1 || an.slice(firstContaining).every((z) => !city(z).startsWith('an'))).toBe(
      true,
    );
    expect(suggestTimezones('')).toContain('UTC');
    expect(suggestTimezones('Mars/Olympus')).toEqual([]);
  });
});
