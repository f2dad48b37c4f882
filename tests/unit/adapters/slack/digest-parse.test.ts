import { describe, expect, it } from 'vitest';
import { parseDigestArgs } from '../../../../adapters/slack/digest/parse.js';

describe('/brief digest arguments', () => {
  it.each([
    ['list', { action: 'list' }],
    ['LIST', { action: 'list' }],
    ['now', { action: 'now' }],
    ['remove 3', { action: 'remove', id: 3 }],
    ['remove #12', { action: 'remove', id: 12 }],
    ['add https://a.example/feed.xml', { action: 'add', feedUrl: 'https://a.example/feed.xml' }],
    ['add https://a.example/f 07:30', { action: 'add', feedUrl: 'https://a.example/f', time: '07:30' }],
    [
      'add https://a.example/f 07:30 Europe/Berlin',
      { action: 'add', feedUrl: 'https://a.example/f', time: '07:30', timezone: 'Europe/Berlin' },
    ],
    // Either order; shape only: the service judges 25:00 and unknown zones.
    [
      'add  https://a.example/f   Mars/Olympus 25:00',
      { action: 'add', feedUrl: 'https://a.example/f', time: '25:00', timezone: 'Mars/Olympus' },
    ],
    ['add not-a-url', { action: 'add', feedUrl: 'not-a-url' }],
    ['', { action: 'usage' }],
    ['help', { action: 'usage' }],
  ])('%j', (args, expected) => {
    expect(parseDigestArgs(args)).toEqual(expected);
  });

  it.each([
    ['add', /feed address/],
    ['add https://a.example/f 07:30 08:30', /at most one time/],
    ['add https://a.example/f UTC Europe/Paris', /at most one time/],
    ['add https://a.example/f 07:30 UTC extra', /optionally a time and a time zone/],
    ['remove', /by its number/],
    ['remove three', /by its number/],
    ['list all', /takes nothing/],
    ['subscribe https://a.example', /I do not know `digest subscribe`/],
  ])('%j is refused with a hint', (args, hint) => {
    const parsed = parseDigestArgs(args);
    expect(parsed.action).toBe('usage');
    expect(parsed.action === 'usage' && parsed.problem).toMatch(hint);
  });
});
