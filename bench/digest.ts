/**
 * bench:digest — 200 feeds of 20 items served on 127.0.0.1, 50 channels each following 8 of
 * them, through the real digest service and scheduler (SQLite file, extractive engine, safe fetch,
 * a publisher double that only counts). Measures:
 *   - the cold run: every feed changed since subscribe (full GET + parse), no article read before;
 *   - the no-change run the next day: every feed answers 304 to the conditional GET;
 *   - baseline, same run: the no-change run against a server that ignores validators (200 + parse),
 *     and serial extractive briefs of the same articles without fetching (the engine's own rate).
 * Article texts come from the evaluation set beside the repository (read at run time, served
 * from memory, never written); without it, synthetic articles are used.
 *
 *   npm run bench:digest [-- --feeds 200 --items 20 --channels 50 --per-channel 8 --data FILE]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import {
  createDigestScheduler,
  createDigestService,
  type ChannelRef,
  type DigestPublisher,
} from '../src/digest/index.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { ingestHtml } from '../src/ingest/index.js';
import { silentLogger } from '../src/logger.js';
import { createBriefService, type BriefService } from '../src/service.js';
import { openSqliteStore } from '../src/store/open-store.js';
import {
  articleHtml,
  startFeedServer,
  storyParagraphs,
  type FeedDocItem,
} from '../tests/helpers/feed-server.js';
import { makeTempDir } from '../tests/helpers/temp-dir.js';
import { parseArgs, readDocs } from './lib/dataset.js';

const args = parseArgs(process.argv.slice(2));
const num = (key: string, fallback: number) => Number(args.rest.get(key) ?? fallback);
const FEEDS = num('feeds', 200);
const ITEMS = num('items', 20);
const CHANNELS = num('channels', 50);
const PER_CHANNEL = num('per-channel', 8);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Atlantic/Reykjavik', 'Africa/Lagos'];

interface Story {
  title: string;
  paragraphs: string[];
}

async function loadStories(n: number): Promise<{ stories: Story[]; source: string }> {
  const stories: Story[] = [];
  if (existsSync(args.data)) {
    for await (const doc of readDocs({ data: args.data, limit: n })) {
      const paragraphs = doc.article
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean);
      // The set has no titles: the lead's first words stand in for a headline.
      const lead = (paragraphs[0] ?? '').replace(/^[^-]*\(CNN\)\s*--\s*/, '');
      const title = lead
        .split(/\s+/)
        .slice(0, 10)
        .join(' ')
        .replace(/[,.;:]$/, '');
      stories.push({ title, paragraphs });
    }
  }
  const source = stories.length > 0 ? `evaluation set (${stories.length} articles)` : 'synthetic articles';
  for (let i = stories.length; i < n; i++) {
    const subject = `Project ${i} of the city`;
    stories.push({
      title: `${subject} moves ahead after council vote ${i}`,
      paragraphs: storyParagraphs(subject, i),
    });
  }
  return { stories, source };
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const total = FEEDS * ITEMS;
  const { stories, source } = await loadStories(total);
  const server = await startFeedServer();
  const tmp = makeTempDir('brief-bench-digest-');
  const day0 = Date.UTC(2025, 5, 2);
  const clock = { now: day0 + 6 * HOUR };

  for (let i = 0; i < total; i++) server.setArticle(`/a/${i}`, stories[i]!.title, stories[i]!.paragraphs);
  // Each feed carries its own 20 items; every tenth item also appears in the next feed, with
  // tracking parameters, so the digest has the same story from two feeds to merge.
  const feedItems = (f: number, extra: FeedDocItem[] = []): FeedDocItem[] => {
    const own = Array.from({ length: ITEMS }, (_, k) => {
      const i = f * ITEMS + k;
      return {
        guid: `story-${i}`,
        title: stories[i]!.title,
        link: server.url(`/a/${i}`),
        description: stories[i]!.paragraphs[0]?.slice(0, 300),
        published: clock.now - (k + 1) * 40 * 60_000,
      };
    });
    const prev = ((f + FEEDS - 1) % FEEDS) * ITEMS;
    const shared = [0, 10]
      .filter((k) => k < ITEMS)
      .map((k) => ({
        ...own[0]!,
        guid: `syndicated-${prev + k}`,
        title: stories[prev + k]!.title,
        link: server.url(`/a/${prev + k}?utm_source=partner`),
      }));
    return [...extra, ...own, ...shared];
  };
  for (let f = 0; f < FEEDS; f++)
    server.setFeed(`/feed/${f}.xml`, { title: `Feed ${f}`, items: feedItems(f) });

  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}`,
    BRIEF_ENGINE: 'extractive',
    BRIEF_DB: join(tmp.dir, 'brief.db'),
  });
  const store = openSqliteStore(config.store.path);
  const inner = createBriefService({
    config,
    engines: { extractive: createExtractiveEngine() },
    logger: silentLogger,
  });
  let briefs = 0;
  const service: BriefService = {
    ...inner,
    brief: (input, options) => {
      briefs++;
      return inner.brief(input, options);
    },
  };
  const now = () => clock.now;
  const digest = createDigestService({ config, service, store, logger: silentLogger, now });
  let parents = 0;
  let replies = 0;
  const publisher: DigestPublisher = {
    postParent: async () => `p${++parents}`,
    postStory: async () => void replies++,
  };
  const scheduler = createDigestScheduler({
    digest,
    publishers: { slack: publisher, discord: publisher },
    logger: silentLogger,
    now,
  });

  // Subscribe: 50 channels x 8 feeds, each feed followed by two channels.
  let t = performance.now();
  for (let c = 0; c < CHANNELS; c++) {
    const channel: ChannelRef = {
      platform: c % 2 ? 'discord' : 'slack',
      workspaceId: `W${c % 5}`,
      channelId: `C${c}`,
    };
    for (let k = 0; k < PER_CHANNEL; k++) {
      await digest.subscribe({
        channel,
        feedUrl: server.url(`/feed/${(c * 4 + k) % FEEDS}.xml`),
        time: '09:00',
        timezone: ZONES[c % ZONES.length],
        addedBy: 'U1',
      });
    }
  }
  const subscribeMs = performance.now() - t;

  // Cold: a fresh item in every feed (so every feed answers 200 with a new body), at 12:00 UTC.
  clock.now = day0 + 12 * HOUR;
  for (let f = 0; f < FEEDS; f++) {
    const i = (f * ITEMS + ITEMS - 1) % total;
    const fresh: FeedDocItem = {
      guid: `fresh-${f}`,
      title: `${stories[i]!.title} (update)`,
      link: server.url(`/a/${i}?v=2`),
      published: clock.now - 10 * 60_000,
    };
    server.setFeed(`/feed/${f}.xml`, { title: `Feed ${f}`, items: feedItems(f, [fresh]) });
  }
  const requestsBefore = server.server.requests.length;
  const rssBefore = process.memoryUsage().rss;
  const sampler = rssSampler();
  t = performance.now();
  await scheduler.tick();
  const coldMs = performance.now() - t;
  const coldRss = sampler.stop();
  const coldRequests = server.server.requests.length - requestsBefore;
  const coldBriefs = briefs;
  const coldParents = parents;
  const coldReplies = replies;

  // No change, next day: conditional GET everywhere.
  clock.now += DAY;
  const nm = () =>
    Array.from({ length: FEEDS }, (_, f) => server.notModified(`/feed/${f}.xml`)).reduce((a, b) => a + b, 0);
  const nm0 = nm();
  const sampler2 = rssSampler();
  t = performance.now();
  await scheduler.tick();
  const unchangedMs = performance.now() - t;
  const unchangedRss = sampler2.stop();
  const notModified = nm() - nm0;
  const unchangedPosts = parents - coldParents;

  // Baseline 1: the same no-change run against a server that ignores validators.
  for (let f = 0; f < FEEDS; f++) {
    const i = (f * ITEMS + ITEMS - 1) % total;
    const fresh: FeedDocItem = {
      guid: `fresh-${f}`,
      title: `${stories[i]!.title} (update)`,
      link: server.url(`/a/${i}?v=2`),
      published: day0 + 12 * HOUR - 10 * 60_000,
    };
    server.setFeed(`/feed/${f}.xml`, { title: `Feed ${f}`, items: feedItems(f, [fresh]) }, 'rss', {
      validators: false,
    });
  }
  clock.now += DAY;
  t = performance.now();
  await scheduler.tick();
  const noValidatorsMs = performance.now() - t;

  // Baseline 2: the extractive engine alone, serially, on pages already in memory.
  const engine = createExtractiveEngine();
  const sampleN = Math.min(200, total);
  t = performance.now();
  for (let i = 0; i < sampleN; i++) {
    await engine.brief(
      ingestHtml(articleHtml(stories[i]!.title, stories[i]!.paragraphs), `https://news.example/${i}`),
    );
  }
  const engineMs = performance.now() - t;
  const maxRss = process.resourceUsage().maxRSS * 1024;

  await scheduler.stop();
  await store.close();
  await server.close();
  tmp.cleanup();

  const row = (label: string, value: string, target = '', baseline = '') =>
    `| ${label.padEnd(46)} | ${value.padStart(16)} | ${target.padEnd(10)} | ${baseline.padEnd(44)} |`;
  console.log(
    `bench:digest — ${FEEDS} feeds x ${ITEMS} items, ${CHANNELS} channels x ${PER_CHANNEL} feeds, ${source}, extractive engine on one thread, Node ${process.version}`,
  );
  console.log(`subscribe: ${CHANNELS * PER_CHANNEL} subscriptions in ${s(subscribeMs)}`);
  console.log('');
  console.log(row('measure', 'figure', 'target', 'baseline (same run)'));
  console.log(row('-'.repeat(46), '-'.repeat(16), '-'.repeat(10), '-'.repeat(44)));
  console.log(row('cold run: all digests composed and posted', s(coldMs), '< 60 s'));
  console.log(row('  digests / replies posted', `${coldParents} / ${coldReplies}`));
  console.log(row('  article briefs made (memo: once per URL)', String(coldBriefs)));
  console.log(
    row(
      '  briefs per second (incl. fetch + extract)',
      (coldBriefs / (coldMs / 1000)).toFixed(1),
      '',
      `extract + brief, serial, no HTTP: ${(sampleN / (engineMs / 1000)).toFixed(1)}/s`,
    ),
  );
  console.log(row('  HTTP requests (feeds + articles)', String(coldRequests)));
  console.log(
    row(
      'no-change run (next day, conditional GET)',
      s(unchangedMs),
      '< 5 s',
      `validators ignored (200 + parse): ${s(noValidatorsMs)}`,
    ),
  );
  console.log(row('  feeds answered 304 / digests posted', `${notModified} / ${unchangedPosts}`));
  console.log(row('RSS before the cold run (data, server, store)', mb(rssBefore)));
  console.log(row('peak RSS (cold run / no-change run)', `${mb(coldRss)} / ${mb(unchangedRss)}`, '< 400 MB'));
  console.log(row('peak RSS (whole process, getrusage)', mb(maxRss), '< 400 MB'));
}

await main();
