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

  it('takes --length before the link or text, in either spelling, any case', () => {
    expect(parseCommandText('--length short https://a.example', subs)).toEqual({
      kind: 'brief',
      text: 'https://a.example',
      length: 'short',
    });
    expect(parseCommandText('--length=detailed Line one.\n\nLine two.', subs)).toEqual({
      kind: 'brief',
      text: 'Line one.\n\nLine two.',
      length: 'detailed',
    });
    expect(parseCommandText('--LENGTH Standard https://a.example', subs)).toMatchObject({
      length: 'standard',
    });
    // Only in front: the words of a pasted text are left alone.
    expect(parseCommandText('The --length short of it', subs)).toEqual({
      kind: 'brief',
      text: 'The --length short of it',
    });
    expect(parseCommandText('--length short', subs)).toEqual({ kind: 'help' });
  });

  it('answers a length it does not know with the allowed values, escaping what was typed', () => {
    const long = parseCommandText('--length long https://a.example', subs);
    expect(long.kind).toBe('invalid');
    expect(long.kind === 'invalid' && long.message).toMatch(/`short`, `standard`, `detailed` \(got “long”\)/);
    const bare = parseCommandText('--length', subs);
    expect(bare.kind).toBe('invalid');
    const hostile = parseCommandText('--length <!channel> x', subs);
    expect(hostile.kind === 'invalid' && hostile.message).not.toContain('<!channel>');
  });
});
