import { describe, expect, it } from 'vitest';
import { DIGEST_THREAD_NOTE, renderDigestParent } from '../../../../adapters/slack/render/digest.js';
import { renderDigestStory } from '../../../../adapters/slack/render/digest-story.js';
import { allMrkdwnVerbatim, slackLimitViolations, slackMarkupIn } from '../../../helpers/slack-limits.js';
import { longestDigest, sampleDigest, sampleStory } from '../../../helpers/sample-digest.js';

type Json = Record<string, unknown>;
const texts = (blocks: unknown) => JSON.stringify(blocks);

describe('digest parent message', () => {
  it('shows the date, each numbered story with its linked headline, line and source, and a thread note', () => {
    const message = renderDigestParent(sampleDigest());
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Digest for Monday, March 3, 2025', emoji: true },
    });
    const sections = message.blocks.filter((b) => b.type === 'section') as unknown as Json[];
    expect(sections.map((s) => (s['text'] as Json)['text'])).toEqual(
      [1, 2, 3].map(
        (n) =>
          `*${n}. <https://news.example/world/story-${n}|Story number ${n} makes the news>*\nWhat happened in story ${n}, in one line.`,
      ),
    );
    expect(texts(message.blocks)).toContain('Source: <https://news.example/world/story-1|Example World>');
    expect(texts(message.blocks.at(-1))).toContain(DIGEST_THREAD_NOTE);
    expect(message.text).toBe(
      'Digest for Monday, March 3, 2025: 1. Story number 1 makes the news · 2. Story number 2 makes the news · 3. Story number 3 makes the news',
    );
    expect(allMrkdwnVerbatim(message.blocks)).toBe(true);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('names every source of a merged story, and the failed feeds in the footer', () => {
    const story = sampleStory(1, {
      sources: [
        { url: 'https://a.example/x', feedTitle: 'Alpha' },
        { url: 'https://b.example/y', feedTitle: null },
      ],
    });
    const message = renderDigestParent(
      sampleDigest({
        stories: [story],
        failedFeeds: [{ feedUrl: 'https://down.example/rss', title: null, reason: 'The site answered 500.' }],
      }),
    );
    const json = texts(message.blocks);
    expect(json).toContain('Sources: <https://a.example/x|Alpha> · <https://b.example/y|b.example>');
    expect(json).toContain('⚠️ This feed could not be read this time: down.example (The site answered 500.)');
  });

  it('never links to anything but http(s) and escapes what feeds say', () => {
    const story = sampleStory(1, {
      headline: '<!channel> *Win* <https://evil.example|prize> & more',
      line: '<@U123> says hi',
      sources: [
        { url: 'javascript:alert(1)', feedTitle: '<!here> Feed' },
        { url: 'https://user:pw@creds.example/a', feedTitle: 'Creds' },
      ],
    });
    const message = renderDigestParent(sampleDigest({ stories: [story] }));
    expect(slackMarkupIn(message)).toEqual([]);
    const json = texts(message.blocks);
    expect(json).toContain('&lt;!channel&gt; *Win* &lt;https://evil.example|prize&gt; &amp; more');
    expect(json).toContain('Sources: &lt;!here&gt; Feed · Creds');
  });

  it('keeps the header within its 150 characters whatever the date says', () => {
    const message = renderDigestParent(sampleDigest({ localDate: 'x'.repeat(500) }));
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('says so when nothing is listed', () => {
    const message = renderDigestParent(sampleDigest({ stories: [] }));
    expect(message.text).toBe('Digest for Monday, March 3, 2025: no new stories');
    expect(texts(message.blocks)).not.toContain(DIGEST_THREAD_NOTE);
  });

  it.each([1, 10, 24, 30, 60])('fits every Slack limit with %i stories at their longest', (n) => {
    const digest = longestDigest(n);
    const message = renderDigestParent(digest);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allMrkdwnVerbatim(message.blocks)).toBe(true);
    // Every listed story still shows its number and the start of its headline.
    const json = texts(message.blocks);
    for (let i = 1; i <= Math.min(n, 46); i++) expect(json).toContain(`*${i}. `);
    expect(json).toContain('could not be read');
    expect(slackMarkupIn(message).every((m) => /^<https:\/\/[^|<>]+\|[^<>]*>$/.test(m))).toBe(true);
  });
});

describe('digest story replies', () => {
  it('carry the story number, its sources, the brief and its key facts', () => {
    const digest = sampleDigest();
    const [reply, ...more] = renderDigestStory(digest, 1);
    expect(more).toEqual([]);
    const json = texts(reply!.blocks);
    expect(json).toContain('Story 2 of 3 · Source: <https://news.example/world/story-2|Example World>');
    expect(json).toContain('*Key facts*');
    expect(json).toContain('button');
    expect(reply!.text).toBe('2. Story number 2 makes the news');
    expect(slackLimitViolations(reply!)).toEqual([]);
  });

  it('fit every limit at their longest, split over several replies when they must', () => {
    const digest = longestDigest(10);
    for (let i = 0; i < 10; i++) {
      const replies = renderDigestStory(digest, i);
      expect(replies.length).toBeGreaterThanOrEqual(1);
      for (const reply of replies) {
        expect(slackLimitViolations(reply)).toEqual([]);
        expect(allMrkdwnVerbatim(reply.blocks)).toBe(true);
        expect(slackMarkupIn(reply).every((m) => /^<https?:\/\/[^|<>]+\|[^<>]*>$/.test(m))).toBe(true);
      }
    }
  });
});
