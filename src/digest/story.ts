import { BRIEF_SCHEMA_VERSION, type Brief } from '../brief.js';
import { BriefError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BriefService } from '../service.js';
import { splitSentences } from '../text/sentences.js';
import type { Cluster } from './cluster.js';
import { jaccard, tokens } from './cluster.js';
import type { FeedItem } from './feed-item.js';
import { clip } from './html-text.js';
import type { HostLimiter } from './host-limiter.js';
import type { DigestSource, DigestStory } from './types.js';
import type { WorkspaceBriefOptions } from '../workspace-settings.js';

/**
 * One cluster becomes one story: the representative's article is briefed through the service (its
 * cache makes the same article in ten channels cost one LLM call); when the article cannot be
 * fetched, the feed item's own content is briefed instead, and failing that its title and summary
 * stand alone. A story is never dropped for want of a brief.
 */
export interface StoryDeps {
  service: BriefService;
  limiter: HostLimiter;
  logger: Logger;
  /** "digest:slack:T1/C2": for logs and the usage ledger. */
  caller: string;
  /**
   * URL -> brief for one run: with the extractive engine (no cache) each article is fetched and
   * briefed once however many channels carry it. Absent for the LLM, whose cache records who saved what.
   */
  memo?: Map<string, Promise<Brief>>;
  signal?: AbortSignal;
  /** The channel's workspace defaults (engine, language, length) for its briefs. */
  briefOptions?: WorkspaceBriefOptions;
}

/** Longest line in the parent message: one line in Slack and Discord at normal widths. */
export const LINE_MAX = 200;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function itemPage(item: FeedItem): string {
  const title = item.title ? escapeHtml(item.title) : '';
  return `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${
    item.content ?? ''
  }</article></body></html>`;
}

/** The feed's headline and summary as a brief, when nothing else can be read. */
export function headlineOnlyBrief(item: FeedItem): Brief {
  const headline = item.title ?? clip(item.summary ?? item.link ?? 'Untitled story', 120);
  const summary = item.summary ? clip(item.summary, 400) : headline;
  const words = summary.split(/\s+/).filter(Boolean).length;
  return {
    version: BRIEF_SCHEMA_VERSION,
    headline,
    summary: [summary],
    keyFacts: [],
    entities: { people: [], organizations: [], places: [], dates: [] },
    source: {
      url: item.link,
      title: item.title,
      siteName: null,
      byline: null,
      publishedTime: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
    },
    stats: { words, readingMinutes: 1 },
    language: 'und',
    extraction: { status: 'thin', note: 'Only the feed’s headline and summary could be read.' },
    engine: { name: 'extractive' },
    length: 'standard',
  };
}

async function briefItem(item: FeedItem, deps: StoryDeps): Promise<Brief> {
  const options = { ...deps.briefOptions, caller: deps.caller, signal: deps.signal };
  const link = item.link !== null && !item.sharedLink ? item.link : null;
  if (link) {
    try {
      const run = () => deps.limiter.run(link, () => deps.service.brief({ kind: 'url', url: link }, options));
      // Keyed by the canonical link: the same article behind two tracking URLs is read once; and by
      // the options, since workspaces with other defaults get other briefs of it.
      const memoKey = `${JSON.stringify(deps.briefOptions ?? {})} ${item.linkKey ?? link}`;
      let pending = deps.memo?.get(memoKey);
      if (!pending) {
        pending = run();
        deps.memo?.set(memoKey, pending);
      }
      const brief = await pending;
      // A bot wall or an unreadable page: the feed's own text says more.
      const useless = brief.extraction.status === 'blocked' || brief.extraction.status === 'unsupported';
      if (!useless || !item.content) return brief;
    } catch (err) {
      deps.signal?.throwIfAborted();
      if (!(err instanceof BriefError)) deps.logger.error('digest brief crashed', { link, err });
      else deps.logger.debug('article unavailable; briefing the feed item', { link, code: err.code });
    }
  }
  if (item.content) {
    try {
      return await deps.service.brief({ kind: 'html', html: itemPage(item), url: link }, options);
    } catch (err) {
      deps.signal?.throwIfAborted();
      if (!(err instanceof BriefError)) deps.logger.error('digest item brief crashed', { link, err });
    }
  }
  return headlineOnlyBrief(item);
}

/** The brief's first summary sentence, unless it only repeats the headline; clipped to LINE_MAX. */
export function storyLine(brief: Brief, headline: string, fallback: string | null): string {
  const head = tokens(headline);
  const sentences = brief.summary.flatMap((s) => splitSentences(s).map((x) => x.text));
  const pick =
    sentences.find((s) => jaccard(tokens(s), head) < 0.8 && s.trim().length > 0) ??
    (fallback && jaccard(tokens(fallback), head) < 0.8 ? fallback : null) ??
    sentences[0] ??
    headline;
  return clip(pick.replace(/\s+/g, ' ').trim(), LINE_MAX);
}

export async function storyOf(cluster: Cluster, deps: StoryDeps): Promise<DigestStory> {
  const rep = cluster.members[0]!;
  const brief = await briefItem(rep.item, deps);
  const headline = clip(rep.item.title ?? brief.headline, 256);
  const sources: DigestSource[] = [];
  const urls = new Set<string>();
  for (const m of cluster.members) {
    const url = m.item.link ?? m.feedUrl;
    if (urls.has(url)) continue;
    urls.add(url);
    sources.push({ url, feedTitle: m.feedTitle });
  }
  return {
    key: rep.item.key,
    headline,
    line: storyLine(brief, headline, rep.item.summary),
    sources,
    publishedAt: cluster.time,
    brief,
  };
}
