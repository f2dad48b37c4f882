import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../../../adapters/slack/slack-text.js';
import { inputsFromMessage } from '../../../../src/message-input.js';

describe('decoding Slack message markup', () => {
  it('unwraps links with and without labels', () => {
    expect(decodeSlackText('read <https://a.example/x?y=1&amp;z=2|a.example/x> now')).toBe(
      'read https://a.example/x?y=1&z=2 now',
    );
    expect(decodeSlackText('<https://a.example/>')).toBe('https://a.example/');
  });

  it('keeps a label that is words (part of a pasted sentence) before its link', () => {
    expect(decodeSlackText('according to <https://news.example/r|the agency report>, 40 died')).toBe(
      'according to the agency report https://news.example/r , 40 died',
    );
  });

  it('drops mentions (including the bot’s own) and specials, keeps channel names', () => {
    expect(decodeSlackText('<@UBOT> look <!here> at <#C1|news> <!subteam^S1|@team>')).toBe('look at #news');
  });

  it('decodes entities exactly once', () => {
    expect(decodeSlackText('a &amp; b &lt;c&gt; &amp;lt;')).toBe('a & b <c> &lt;');
  });

  it('keeps mailto labels as text, not links', () => {
    expect(decodeSlackText('<mailto:a@b.example|a@b.example>')).toBe('a@b.example');
  });

  it('feeds message-input: a mention with a link becomes one URL input', () => {
    const text = decodeSlackText('<@UBOT> please <https://news.example/story|news.example/story>.');
    expect(inputsFromMessage(text)).toEqual([{ kind: 'url', url: 'https://news.example/story' }]);
  });
});
