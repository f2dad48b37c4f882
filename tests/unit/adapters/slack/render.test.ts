import { describe, expect, it } from 'vitest';
import { renderBriefDetails } from '../../../../adapters/slack/render/brief-details.js';
import { renderBriefMessage } from '../../../../adapters/slack/render/brief-message.js';
import { sampleBrief } from '../../../helpers/sample-brief.js';
import { allMrkdwnVerbatim, slackLimitViolations, slackMarkupIn } from '../../../helpers/slack-limits.js';

const URL_ASKED = 'https://news.example/world/summit?utm=1';

describe('the channel post', () => {
  const brief = sampleBrief();
  const message = renderBriefMessage(brief, URL_ASKED);

  it('has the linked headline, the summary, a context line and a button, in that order', () => {
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context', 'actions']);
    expect(JSON.stringify(message.blocks[0])).toContain(
      '*<https://news.example/world/summit|Kim and Putin meet in Russia’s Far East>*',
    );
    expect(JSON.stringify(message.blocks[1])).toContain('The two leaders met on Wednesday. Arms supplies');
    const contextText = JSON.stringify(message.blocks[2]);
    expect(contextText).toContain('Example News');
    expect(contextText).toContain('2 min read');
    expect(contextText).toContain('extractive');
    expect(contextText).not.toContain('⚠️');
    expect(message.blocks[3]).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', url: 'https://news.example/world/summit' }],
    });
  });

  it('always has a text fallback and every mrkdwn text is verbatim', () => {
    expect(message.text).toContain('Kim and Putin meet');
    expect(allMrkdwnVerbatim(message.blocks)).toBe(true);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('shows the extraction status when it is not ok', () => {
    const thin = renderBriefMessage(
      sampleBrief({ extraction: { status: 'paywalled', note: 'based on the teaser only' } }),
      URL_ASKED,
    );
    expect(JSON.stringify(thin.blocks[2])).toMatch(/⚠️ .*based on the teaser only/);
  });

  it('pasted text gets no link and no button', () => {
    const text = renderBriefMessage(sampleBrief({ source: { ...brief.source, url: null } }), null);
    expect(text.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
    expect(slackMarkupIn(text)).toEqual([]);
  });

  it('links to the canonical URL only when it stays on the site the user asked for', () => {
    const elsewhere = sampleBrief({ source: { ...brief.source, url: 'https://phish.example/login' } });
    const out = JSON.stringify(renderBriefMessage(elsewhere, URL_ASKED));
    expect(out).not.toContain('phish.example');
    expect(out).toContain(URL_ASKED);
    const www = sampleBrief({ source: { ...brief.source, url: 'https://www.news.example/a' } });
    expect(JSON.stringify(renderBriefMessage(www, URL_ASKED))).toContain('https://www.news.example/a');
  });
});

describe('the thread reply', () => {
  it('lists every key fact with its quote, then the entities', () => {
    const [reply, ...more] = renderBriefDetails(sampleBrief());
    expect(more).toEqual([]);
    const json = JSON.stringify(reply);
    expect(json).toContain('*Key facts*');
    expect(json).toContain('*1.* The summit took place');
    expect(json).toContain('>“met on Wednesday at a location');
    expect(json).toContain('*People:* Kim Jong-un, Vladimir Putin');
    expect(json).toContain('*Dates:* Wednesday');
    expect(json).not.toContain('Organizations');
    expect(slackLimitViolations(reply!)).toEqual([]);
  });

  it('is empty when there are no facts and no entities', () => {
    const bare = sampleBrief({
      keyFacts: [],
      entities: { people: [], organizations: [], places: [], dates: [] },
    });
    expect(renderBriefDetails(bare)).toEqual([]);
  });

  it('keeps a multi-line quote inside one blockquote', () => {
    const brief = sampleBrief({ keyFacts: [{ text: 'Fact', quote: 'line one\nline two' }] });
    expect(JSON.stringify(renderBriefDetails(brief))).toContain('>“line one line two”');
  });
});

describe('untrusted text in every field', () => {
  const evil =
    'Hi <!channel> <!here> <@U123> <https://evil.example|click> &lt;!everyone&gt; @here https://bare.example';
  const brief = sampleBrief({
    headline: evil,
    summary: [evil, evil],
    keyFacts: [{ text: evil, quote: evil }],
    entities: { people: [evil], organizations: [evil], places: [evil], dates: [evil] },
    source: {
      url: 'https://news.example/world/summit',
      title: evil,
      siteName: evil,
      byline: evil,
      publishedTime: null,
    },
    extraction: { status: 'thin', note: evil },
    engine: { name: 'llm', model: evil, fallbackReason: evil },
  });

  it('produces no mention, no special and no link except the source', () => {
    for (const message of [renderBriefMessage(brief, URL_ASKED), ...renderBriefDetails(brief)]) {
      for (const markup of slackMarkupIn(message)) {
        expect(markup).toMatch(/^<https:\/\/news\.example\/world\/summit\|/);
      }
      expect(allMrkdwnVerbatim(message.blocks)).toBe(true);
    }
  });
});
