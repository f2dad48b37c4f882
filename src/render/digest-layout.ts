import type { Digest, DigestSource, DigestStory } from '../digest/types.js';
import { digestDateLabel, failedFeedName, sourceName } from './digest-labels.js';

/**
 * The digest parent's layout, once for every chat platform: the title, each numbered story (its
 * headline linked to the story, its one line, its sources with "and N more"), the failed feeds and
 * the note that the briefs follow in the thread. How much room a story gets is the platform's call
 * (Slack blocks, a Discord embed description); what a story shows within that room is decided here.
 */
export interface DigestMarkup {
  /** Escapes untrusted text for the platform and cuts it to `max` characters. */
  fit(text: string, max: number): string;
  bold(text: string): string;
  /** The URL as written inside a link (checked http(s) and escaped), or null when it cannot be one. */
  linkUrl(raw: string | null | undefined): string | null;
  /** `label` (already fitted) linked to `url` (from linkUrl). */
  link(url: string, label: string): string;
  /** What comes before a story's sources, e.g. "Sources: " (may carry markup). */
  sourcesPrefix(count: number): string;
}

/** Caps on a story's parts, whatever room it has. */
const HEADLINE_MAX = 250;
const LINE_MAX = 400;
const SOURCE_LABEL_MAX = 80;
/** Shares of a story's room: the headline, the URL it links to, the one-line summary. */
const HEADLINE_SHARE = 0.3;
const LINK_SHARE = 0.2;
const LINE_SHARE = 0.3;
/** Below this a headline or line would say nothing; a story that small is left out instead. */
const PART_MIN = 20;

export const DIGEST_THREAD_NOTE = 'Each story’s brief and key facts follow in the thread.';

export function digestTitle(digest: Pick<Digest, 'localDate'>): string {
  return `Digest for ${digestDateLabel(digest.localDate)}`;
}

export function storyCount(n: number): string {
  return n === 1 ? '1 story' : `${n} stories`;
}

/** Which story a thread reply is: "Story 2 of 5". */
export function storyLabel(index: number, total: number): string {
  return `Story ${index + 1} of ${total}`;
}

/** The feeds that failed, as one raw line for the footer (the platform escapes and cuts it). */
export function failedFeedsLine(digest: Pick<Digest, 'failedFeeds'>): string | null {
  if (digest.failedFeeds.length === 0) return null;
  const names = digest.failedFeeds.map((f) => `${oneLine(failedFeedName(f))} (${oneLine(f.reason)})`);
  const lead = digest.failedFeeds.length === 1 ? 'This feed' : 'These feeds';
  return `⚠️ ${lead} could not be read this time: ${names.join('; ')}`;
}

export interface StoryEntry {
  /** `n. headline`, bold, the headline linked to the story when its URL fits. */
  heading: string;
  /** The one-line summary, fitted; empty when the story has none. */
  line: string;
  /** "Sources: A · B · and 3 more", fitted to what was left; empty when none fits. */
  sources: string;
}

/** Story `n` within `budget` characters: long URLs lose their link before anything a reader sees is cut. */
export function storyEntry(story: DigestStory, n: number, budget: number, markup: DigestMarkup): StoryEntry {
  const headlineMax = Math.max(Math.min(HEADLINE_MAX, Math.floor(budget * HEADLINE_SHARE)), PART_MIN);
  const headline = markup.fit(oneLine(story.headline), headlineMax);
  const url = markup.linkUrl(story.sources[0]?.url);
  const linked = url && url.length <= budget * LINK_SHARE ? markup.link(url, headline) : headline;
  const heading = markup.bold(`${n}. ${linked}`);
  const raw = oneLine(story.line);
  const lineMax = Math.max(Math.min(LINE_MAX, Math.floor(budget * LINE_SHARE)), PART_MIN);
  const line = raw ? markup.fit(raw, lineMax) : '';
  const used = heading.length + (line ? line.length + 1 : 0);
  return { heading, line, sources: sourcesText(story.sources, budget - used - 1, markup) };
}

/**
 * "Sources: <A> · <B> · and 3 more" within `room` characters: each source linked while that fits,
 * by name alone when only that fits, and the rest counted. URLs longer than `maxUrl` are never
 * linked (a reply's source line stays readable).
 */
export function sourcesText(
  sources: readonly DigestSource[],
  room: number,
  markup: DigestMarkup,
  maxUrl = Infinity,
): string {
  const prefix = markup.sourcesPrefix(sources.length);
  const parts: string[] = [];
  for (const [i, source] of sources.entries()) {
    const label = markup.fit(oneLine(sourceName(source)), SOURCE_LABEL_MAX);
    const url = markup.linkUrl(source.url);
    const more = sources.length - i - 1;
    const reserve = more > 0 ? ` · and ${more} more`.length : 0;
    const fits = (piece: string) => prefix.length + [...parts, piece].join(' · ').length + reserve <= room;
    const linked = url && url.length <= maxUrl ? markup.link(url, label) : null;
    if (linked && fits(linked)) parts.push(linked);
    else if (fits(label)) parts.push(label);
    else return parts.length > 0 ? `${prefix}${parts.join(' · ')} · and ${more + 1} more` : '';
  }
  return parts.length > 0 ? prefix + parts.join(' · ') : '';
}

/** A line break would end bold text (and a link label) early, and could start a quote. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
