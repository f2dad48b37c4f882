import { describe, expect, it } from 'vitest';
import {
  ELLIPSIS,
  escapeFit,
  escapeUntrusted,
  neutralizeMentions,
  truncate,
} from '../../../../adapters/discord/escape.js';

/** A ping survives only as the exact syntax; any character inside it breaks it. */
const LIVE_PING = /@(everyone|here)|<[@#/]|<a?:\w+:\d+>|<t:\d/;
/** An unescaped masked link: `[` not preceded by a backslash, then `](`. */
const LIVE_MASKED_LINK = /(^|[^\\])\[[^\]]*(?<!\\)\]\(/;

describe('escaping untrusted text for Discord markdown', () => {
  it('leaves ordinary prose alone', () => {
    const text = 'The council approved the bridge on Monday, 21 votes to 6 (a 78% majority).';
    expect(escapeUntrusted(text)).toBe(text);
  });

  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['__underline__', '\\_\\_underline\\_\\_'],
    ['~~struck~~', '\\~\\~struck\\~\\~'],
    ['||spoiler||', '\\|\\|spoiler\\|\\|'],
    ['`code` and ```block```', '\\`code\\` and \\`\\`\\`block\\`\\`\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['# Heading', '\\# Heading'],
    ['-# subtext', '\\-# subtext'],
    ['> quoted', '\\> quoted'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['line one\n  > quoted later', 'line one\n  \\> quoted later'],
  ])('escapes %j', (input, expected) => {
    expect(escapeUntrusted(input)).toBe(expected);
  });

  it('escapes every bracket, so no masked link survives, even the second one on a line', () => {
    const text = 'See [official](https://evil.example/a) and [two](https://evil.example/b) now';
    const out = escapeUntrusted(text);
    expect(out).not.toMatch(LIVE_MASKED_LINK);
    expect(out.match(/\\\[/g)).toHaveLength(2);
    expect(out.match(/\\\]/g)).toHaveLength(2);
  });

  it('stops raw URLs from turning into links', () => {
    const out = escapeUntrusted('Go to https://evil.example/login or HTTP://x.example');
    expect(out).not.toMatch(/[a-z]:\/\//i);
    expect(out).toContain('evil.example/login');
  });

  it.each([
    '@everyone',
    '@here',
    '@Everyone',
    '<@123>',
    '<@!123>',
    '<@&456>',
    '<#789>',
    '</brief:1>',
    '<t:1700000000:R>',
    '<:wave:123>',
  ])('breaks the mention syntax %j', (mention) => {
    const out = escapeUntrusted(`hello ${mention} there`);
    expect(out).not.toMatch(LIVE_PING);
    expect(neutralizeMentions(mention)).not.toMatch(LIVE_PING);
    // Still readable: only invisible characters were added.
    expect(out.replace(/[\u200B\u200D]/g, '')).toContain(mention.replace(/[<>]/g, '').slice(0, 3));
  });
});

describe('truncating on grapheme boundaries', () => {
  it('returns short text unchanged', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts to the limit and marks the cut', () => {
    const out = truncate('abcdefghij', 5);
    expect(out).toBe(`abcd${ELLIPSIS}`);
    expect(out.length).toBeLessThanOrEqual(5);
  });

  it('never splits an emoji, a flag or a combined letter', () => {
    const family = '👨‍👩‍👧‍👦'; // 11 UTF-16 units, one grapheme
    const flag = '🇳🇴';
    const accented = 'e\u0301';
    for (const g of [family, flag, accented]) {
      const text = g.repeat(30);
      for (let max = 1; max < 40; max++) {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        const body = out.endsWith(ELLIPSIS) ? out.slice(0, -ELLIPSIS.length) : out;
        expect(body.length % g.length).toBe(0);
      }
    }
  });
});

describe('escaping within a limit', () => {
  it('fits text whose escaping doubles it, without a dangling backslash', () => {
    const text = '*_'.repeat(500);
    for (const max of [2, 3, 10, 255, 256, 1024]) {
      const out = escapeFit(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      if (max >= 3) expect(out.endsWith(ELLIPSIS)).toBe(true);
      expect(out.slice(0, -1)).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
    }
  });

  it('keeps a mention broken when the cut falls right after it', () => {
    const out = escapeFit('@everyone ' + 'x'.repeat(300), 12);
    expect(out).not.toMatch(LIVE_PING);
    expect(out.length).toBeLessThanOrEqual(12);
  });
});
