import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS_PER_MESSAGE, MAX_MESSAGE_BLOCK_TEXT } from '../../../../adapters/slack/limits.js';
import { packBlocks, section } from '../../../../adapters/slack/render/blocks.js';
import { renderBriefDetails } from '../../../../adapters/slack/render/brief-details.js';
import { renderBriefMessage } from '../../../../adapters/slack/render/brief-message.js';
import { KEY_FACTS_MAX, SUMMARY_MAX_SENTENCES } from '../../../../src/brief.js';
import { sampleBrief } from '../../../helpers/sample-brief.js';
import { slackLimitViolations } from '../../../helpers/slack-limits.js';

/** Text that grows when escaped and has multi-unit graphemes: the worst case for every cut. */
const heavy = (n: number) => '&<> 👩‍👩‍👧‍👦 🇩🇪 é '.repeat(Math.ceil(n / 20)).slice(0, n);
const names = (n: number) => Array.from({ length: n }, (_, i) => `${heavy(400)} ${i}`);

describe('the longest possible brief', () => {
  const longUrl = `https://news.example/${'a'.repeat(2_900)}`;
  const brief = sampleBrief({
    headline: heavy(20_000),
    summary: Array.from({ length: SUMMARY_MAX_SENTENCES }, () => heavy(20_000)),
    // A quote that differs from its fact, so both are rendered (the longer case).
    keyFacts: Array.from({ length: KEY_FACTS_MAX }, () => ({
      text: heavy(20_000),
      quote: heavy(50_000).replace(/é/g, 'ü'),
    })),
    entities: { people: names(500), organizations: names(500), places: names(500), dates: names(500) },
    source: {
      url: longUrl,
      title: heavy(5_000),
      siteName: heavy(5_000),
      byline: heavy(5_000),
      publishedTime: null,
    },
    extraction: { status: 'thin', note: heavy(5_000) },
    engine: { name: 'llm', model: heavy(1_000), fallbackReason: heavy(5_000) },
  });

  it('renders a channel post within every limit', () => {
    const message = renderBriefMessage(brief, longUrl);
    expect(slackLimitViolations(message)).toEqual([]);
    // The URL is too long for the headline link but still fits the button.
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ url: longUrl }] });
    expect(JSON.stringify(message.blocks[0])).not.toContain('<https');
  });

  it('splits the details over thread replies, each within every limit, losing no fact', () => {
    const replies = renderBriefDetails(brief);
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) expect(slackLimitViolations(reply)).toEqual([]);
    const facts = replies.flatMap((r) => r.blocks).filter((b) => JSON.stringify(b).includes('.*'));
    expect(facts).toHaveLength(KEY_FACTS_MAX);
    expect(replies[0]!.text).toMatch(/^Key facts \(1\/\d\)/);
  });

  it('truncates with an ellipsis rather than dropping text', () => {
    const message = renderBriefMessage(brief, longUrl);
    expect(JSON.stringify(message.blocks[1])).toContain('…');
    expect(message.text.endsWith('…')).toBe(true);
  });
});

describe('packing blocks into messages', () => {
  it('starts a new message at 50 blocks', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`block ${i}`));
    const pages = packBlocks(blocks);
    expect(pages.map((p) => p.length)).toEqual([MAX_BLOCKS_PER_MESSAGE, MAX_BLOCKS_PER_MESSAGE, 20]);
  });

  it('starts a new message before the text budget is passed', () => {
    const blocks = Array.from({ length: 8 }, () => section('x'.repeat(2_900)));
    const pages = packBlocks(blocks);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    for (const page of pages) {
      expect(
        page.reduce((n, b) => n + (b.type === 'section' ? (b.text?.text.length ?? 0) : 0), 0),
      ).toBeLessThanOrEqual(MAX_MESSAGE_BLOCK_TEXT);
    }
  });
});
