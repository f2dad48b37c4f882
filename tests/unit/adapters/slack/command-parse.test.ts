import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../../adapters/slack/commands/parse.js';

describe('/brief command routing', () => {
  const subs = ['digest'];

  it('empty text and "help" show usage', () => {
    expect(parseCommandText('', subs)).toEqual({ kind: 'help' });
    expect(parseCommandText('   ', subs)).toEqual({ kind: 'help' });
    expect(parseCommandText('HELP', subs)).toEqual({ kind: 'help' });
  });

  it('routes a registered subcommand with its arguments', () => {
    expect(parseCommandText('digest add https://feed.example/rss  ', subs)).toEqual({
      kind: 'subcommand',
      name: 'digest',
      args: 'add https://feed.example/rss',
    });
    expect(parseCommandText('Digest', subs)).toEqual({ kind: 'subcommand', name: 'digest', args: '' });
  });

  it('treats an unknown first word as text to brief', () => {
    expect(parseCommandText('digest me this', [])).toEqual({ kind: 'brief', text: 'digest me this' });
    expect(parseCommandText(' https://a.example ', subs)).toEqual({
      kind: 'brief',
      text: 'https://a.example',
    });
  });

  it('keeps multi-line pasted text intact', () => {
    expect(parseCommandText('Line one.\n\nLine two.', subs)).toEqual({
      kind: 'brief',
      text: 'Line one.\n\nLine two.',
    });
  });
});
