import { describe, expect, it } from 'vitest';
import { escapeLinkUrl, escapeMrkdwn, fitMrkdwn, truncatePlain } from '../../../../adapters/slack/escape.js';

describe('mrkdwn escaping', () => {
  it('escapes the three control characters and nothing else', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('*bold* _it_ ~s~ `c` "q" \'a\'')).toBe('*bold* _it_ ~s~ `c` "q" \'a\'');
  });

  it('turns mentions and masked links into inert text', () => {
    const out = escapeMrkdwn('<!channel> <!here> <@U123> <#C1|general> <https://evil.example|click>');
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;#C1|general&gt; &lt;https://evil.example|click&gt;',
    );
  });

  it('escapes an existing entity again, so "&lt;" cannot be smuggled through', () => {
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });
});

describe('fitting text to a limit', () => {
  it('leaves short text alone (escaped)', () => {
    expect(fitMrkdwn('fine & short', 100)).toBe('fine &amp; short');
  });

  it('cuts with an ellipsis and counts the escaped length', () => {
    const out = fitMrkdwn('&'.repeat(100), 22);
    expect(out.length).toBeLessThanOrEqual(22);
    expect(out).toBe('&amp;'.repeat(4) + '…');
  });

  it('never cuts inside an entity', () => {
    for (let max = 2; max < 30; max++) {
      const out = fitMrkdwn('a<b&c>d'.repeat(5), max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/&/);
    }
  });

  it('never splits a grapheme (emoji ZWJ sequence, flag, combining mark)', () => {
    const family = '👩‍👩‍👧‍👦';
    const text = `${family}${'🇩🇪'}e\u0301`.repeat(20);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const allowed = new Set([family, '🇩🇪', 'e\u0301', '…']);
    for (let max = 1; max < 60; max++) {
      const out = fitMrkdwn(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      for (const { segment } of segmenter.segment(out)) expect(allowed.has(segment)).toBe(true);
    }
  });

  it('truncates plain text on grapheme boundaries too', () => {
    expect(truncatePlain('abcdef', 4)).toBe('abc…');
    expect(truncatePlain('ab', 4)).toBe('ab');
  });

  it('keeps a link URL from ending early at "|" and escapes it', () => {
    expect(escapeLinkUrl('https://x.example/a|b?c=1&d=<2>')).toBe(
      'https://x.example/a%7Cb?c=1&amp;d=&lt;2&gt;',
    );
  });
});
