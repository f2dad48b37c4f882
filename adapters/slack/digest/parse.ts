/**
 * Splits `/brief digest ...` arguments into an action. Syntax only: whether a time, a zone or a
 * feed is valid is the digest service's call (one place decides, and says why in its message).
 */
export type DigestArgs =
  | { action: 'add'; feedUrl: string; time?: string; timezone?: string }
  | { action: 'list' }
  | { action: 'remove'; id: number }
  | { action: 'now' }
  | { action: 'usage'; problem?: string };

/** A token that starts with a digit is meant as the time (`9:00`, `25:00`); anything else is a zone. */
const LOOKS_LIKE_TIME = /^\d/;

export function parseDigestArgs(args: string): DigestArgs {
  const [first, ...rest] = args.split(/\s+/).filter(Boolean);
  switch (first?.toLowerCase()) {
    case undefined:
    case 'help':
      return { action: 'usage' };
    case 'list':
      return rest.length === 0
        ? { action: 'list' }
        : { action: 'usage', problem: '`list` takes nothing after it.' };
    case 'now':
      return rest.length === 0
        ? { action: 'now' }
        : { action: 'usage', problem: '`now` takes nothing after it.' };
    case 'remove':
      return parseRemove(rest);
    case 'add':
      return parseAdd(rest);
    default:
      return { action: 'usage', problem: `I do not know \`digest ${first}\`.` };
  }
}

function parseRemove(rest: string[]): DigestArgs {
  const id = rest.length === 1 ? /^#?(\d{1,9})$/.exec(rest[0]!)?.[1] : undefined;
  if (!id)
    return { action: 'usage', problem: 'Say which subscription to remove by its number, e.g. `remove 3`.' };
  return { action: 'remove', id: Number(id) };
}

function parseAdd(rest: string[]): DigestArgs {
  const [feedUrl, ...options] = rest;
  if (!feedUrl)
    return { action: 'usage', problem: 'Give the feed address, e.g. `add https://example.com/feed.xml`.' };
  if (options.length > 2)
    return {
      action: 'usage',
      problem: '`add` takes a feed address, then optionally a time and a time zone.',
    };
  const time = options.filter((o) => LOOKS_LIKE_TIME.test(o));
  const zone = options.filter((o) => !LOOKS_LIKE_TIME.test(o));
  if (time.length > 1 || zone.length > 1)
    return {
      action: 'usage',
      problem: 'Give at most one time (`HH:MM`) and one time zone (e.g. `Europe/Berlin`).',
    };
  return {
    action: 'add',
    feedUrl,
    ...(time[0] ? { time: time[0] } : {}),
    ...(zone[0] ? { timezone: zone[0] } : {}),
  };
}
