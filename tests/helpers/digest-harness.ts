import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import {
  createDigestScheduler,
  createDigestService,
  type ChannelRef,
  type Digest,
  type DigestPublisher,
  type DigestScheduler,
  type DigestServiceWithRuntime,
} from '../../src/digest/index.js';
import { createExtractiveEngine } from '../../src/engines/extractive/index.js';
import { silentLogger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics/metrics.js';
import { createBriefService, type BriefService } from '../../src/service.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFeedServer, type FeedServer } from './feed-server.js';
import { makeTempDir } from './temp-dir.js';

/**
 * The real digest service and scheduler (real feeds over HTTP, the extractive engine, a SQLite
 * file, or a PostgreSQL database when `databaseUrl` is given) with a publisher double that records
 * what it posted. `restart()` drops every object and builds new ones over the same database: what
 * a process restart leaves behind is only the database.
 */
export type Posted =
  | { kind: 'parent'; ref: string; channel: string; localDate: string; headlines: string[]; digest: Digest }
  | { kind: 'story'; parentRef: string; channel: string; index: number; headline: string };

export interface RecordingPublisher extends DigestPublisher {
  posted: Posted[];
  /** Makes the next call of that kind fail (throw) or never return (a crash mid-delivery). */
  failNext(kind: 'parent' | 'story', how: 'throw' | 'hang'): void;
  /** Calls stuck in a 'hang' failure: a test waits for this to know the delivery got that far. */
  readonly hanging: number;
}

export function recordingPublisher(): RecordingPublisher {
  const posted: Posted[] = [];
  const failures: Array<{ kind: 'parent' | 'story'; how: 'throw' | 'hang' }> = [];
  let refs = 0;
  let hanging = 0;
  const fail = async (kind: 'parent' | 'story') => {
    const i = failures.findIndex((f) => f.kind === kind);
    if (i < 0) return;
    const [f] = failures.splice(i, 1);
    if (f!.how === 'hang') {
      hanging++;
      await new Promise(() => undefined);
    }
    throw new Error(`publisher ${kind} failed (test)`);
  };
  const key = (c: ChannelRef) => `${c.platform}:${c.workspaceId}/${c.channelId}`;
  return {
    posted,
    get hanging() {
      return hanging;
    },
    failNext: (kind, how) => failures.push({ kind, how }),
    async postParent(digest) {
      await fail('parent');
      const ref = `p${++refs}`;
      posted.push({
        kind: 'parent',
        ref,
        channel: key(digest.channel),
        localDate: digest.localDate,
        headlines: digest.stories.map((s) => s.headline),
        digest,
      });
      return ref;
    },
    async postStory(digest, parentRef, index) {
      await fail('story');
      posted.push({
        kind: 'story',
        parentRef,
        channel: key(digest.channel),
        index,
        headline: digest.stories[index]!.headline,
      });
    },
  };
}

export interface DigestHarness {
  feeds: FeedServer;
  config: Config;
  publisher: RecordingPublisher;
  clock: { now: number };
  digest: DigestServiceWithRuntime;
  scheduler: DigestScheduler;
  store: Store;
  service: BriefService;
  /** New store, service, digest service and scheduler over the same database (the old store is closed). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDigestHarness(
  options: { start?: number; env?: Record<string, string>; metrics?: Metrics; databaseUrl?: string } = {},
): Promise<DigestHarness> {
  const feeds = await startFeedServer();
  const tmp = makeTempDir('brief-digest-');
  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${feeds.port}`,
    BRIEF_ENGINE: 'extractive',
    BRIEF_DB: join(tmp.dir, 'brief.db'),
    ...(options.databaseUrl ? { BRIEF_DATABASE_URL: options.databaseUrl, BRIEF_DATABASE_POOL_MAX: '2' } : {}),
    ...options.env,
  });
  const publisher = recordingPublisher();
  const clock = { now: options.start ?? Date.UTC(2025, 5, 2, 6, 0) };
  const now = () => clock.now;

  const build = async () => {
    const store = await openStore(config.store);
    const service = createBriefService({
      config,
      engines: { extractive: createExtractiveEngine() },
      logger: silentLogger,
    });
    const digest = createDigestService({
      config,
      service,
      store,
      logger: silentLogger,
      now,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
    const scheduler = createDigestScheduler({
      digest,
      publishers: { slack: publisher, discord: publisher },
      logger: silentLogger,
      now,
    });
    return { store, service, digest, scheduler };
  };

  const h = { feeds, config, publisher, clock, ...(await build()) } as unknown as DigestHarness;
  h.restart = async () => {
    await h.store.close();
    Object.assign(h, await build());
  };
  h.close = async () => {
    await h.scheduler.stop().catch(() => undefined);
    await h.store.close();
    await feeds.close();
    tmp.cleanup();
  };
  return h;
}

export const channelA: ChannelRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
export const channelB: ChannelRef = {
  platform: 'discord',
  workspaceId: '111111111111111111',
  channelId: '222222222222222222',
};
