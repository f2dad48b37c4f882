import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { briefEmbed, detailsEmbed } from '../../../adapters/discord/render.js';
import { renderBriefDetails } from '../../../adapters/slack/render/brief-details.js';
import { renderBriefMessage } from '../../../adapters/slack/render/brief-message.js';
import { BriefSchema } from '../../../src/brief.js';
import { formatBrief } from '../../../src/cli/run.js';
import { sampleBrief } from '../../helpers/sample-brief.js';

/**
 * One brief, every surface: the terminal, markdown, JSON, Slack blocks and Discord embeds must
 * each show the same facts: the headline, every summary sentence, every key fact with its quote,
 * and the footer's site, byline, fallback reason and language. Each surface is reduced to what a
 * reader sees (markup and escapes removed) before it is checked.
 */
const URL = 'https://kuestenblatt.example/hafen/solarfaehre';
const brief = BriefSchema.parse(
  sampleBrief({
    headline: 'Hafen von Westhaven eröffnet ein Fährterminal mit Solarstrom',
    summary: [
      'Der Hafen von Westhaven hat am Freitag ein Fährterminal eröffnet, das nur mit Solarstrom läuft.',
      'Der Bau kostete 38 Millionen Euro (vor allem aus einem Klimafonds).',
    ],
    keyFacts: [
      {
        text: 'Das Dach trägt 6.200 Solarmodule',
        quote: 'Auf dem Dach sind 6.200 Solarmodule montiert, die rund 2,1 Gigawattstunden im Jahr liefern',
      },
      {
        text: 'Die Fähren laden in 22 Minuten',
        quote: 'Eine volle Ladung dauert 22 Minuten, was in die Wendezeit an beiden Enden passt',
      },
      {
        text: 'Fischer verlieren Liegeplätze',
        quote: 'Elin Sand sagte, der neue Kai habe kleinen Fischerbooten die Liegeplätze genommen',
      },
    ],
    source: {
      url: URL,
      title: 'Solarfähre',
      siteName: 'Küstenblatt',
      byline: 'Mara Lindqvist',
      publishedTime: null,
    },
    language: 'de',
    engine: {
      name: 'extractive',
      fallbackReason: 'the model did not answer in time',
      fallbackCode: 'timeout',
    },
  }),
);

/** What a reader of each surface sees, as one line of text. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const slackVisible = (value: unknown): string => {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [key, inner] of Object.entries(v)) {
        if (key === 'text' && typeof inner === 'string') texts.push(inner);
        else walk(inner);
      }
  };
  walk(value);
  return oneLine(
    texts
      .join('\n')
      .replace(/<[^|<>]+\|([^<>]*)>/g, '$1')
      .replace(/^>/gm, '')
      .replace(/[*“”]/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
};

const discordVisible = (embeds: APIEmbed[]): string =>
  oneLine(
    embeds
      .flatMap((e) => [
        e.title,
        e.description,
        e.footer?.text,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ])
      .filter(Boolean)
      .join('\n')
      .replace(/[\u200B\u200D]/g, '')
      .replace(/^> /gm, '')
      .replace(/\\(.)/g, '$1'),
  );

const terminal = { isTTY: false, columns: 80, noColor: true };
const surfaces: Array<[string, () => string]> = [
  ['CLI text', () => oneLine(formatBrief(brief, 'text', terminal).replace(/[“”]/g, ''))],
  ['markdown', () => oneLine(formatBrief(brief, 'markdown', terminal).replace(/\\(.)/g, '$1'))],
  [
    'JSON',
    () => {
      const parsed = BriefSchema.parse(JSON.parse(formatBrief(brief, 'json', terminal)));
      return oneLine(
        [
          parsed.headline,
          ...parsed.summary,
          ...parsed.keyFacts.flatMap((f) => [f.text, f.quote]),
          parsed.source.siteName,
          parsed.source.byline,
          parsed.engine.fallbackReason,
          `language: ${parsed.language}`,
        ].join('\n'),
      );
    },
  ],
  [
    'Slack blocks',
    () =>
      slackVisible([
        renderBriefMessage(brief, URL).blocks,
        ...renderBriefDetails(brief).map((m) => m.blocks),
      ]),
  ],
  ['Discord embeds', () => discordVisible([briefEmbed(brief, URL), detailsEmbed(brief)!])],
];

const facts: Array<[string, string]> = [
  ['the headline', brief.headline],
  ...brief.summary.map((s, i): [string, string] => [`summary sentence ${i + 1}`, s]),
  ...brief.keyFacts.flatMap((f, i): Array<[string, string]> => [
    [`key fact ${i + 1}`, f.text],
    [`the quote of key fact ${i + 1}`, f.quote],
  ]),
  ['the site', 'Küstenblatt'],
  ['the byline', 'Mara Lindqvist'],
  ['the fallback reason', 'the model did not answer in time'],
  ['the language', 'language: de'],
];

describe.each(surfaces)('%s', (_surface, visible) => {
  const seen = visible();
  it.each(facts)('shows %s', (_what, text) => {
    expect(seen).toContain(oneLine(text));
  });
});
