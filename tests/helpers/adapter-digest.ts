import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import {
  createDigestScheduler,
  createDigestService,
  type DigestPublishers,
  type DigestScheduler,
  type DigestServiceWithRuntime,
} from '../../src/digest/index.js';
import type { Logger } from '../../src/logger.js';
import type { BriefService } from '../../src/service.js';
import { openSqliteStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFeedServer, storyParagraphs, type FeedDocItem, type FeedServer } from './feed-server.js';
import { makeTempDir } from './temp-dir.js';

/**
 * The real digest service over a real SQLite file and a local feed server, for the adapter tests:
 * `factory` is what the Slack and Discord harnesses call to give their adapter a digest service.
 * Each call opens the same file again, so a second harness is the process after a restart.
 */
export interface AdapterDigest {
  feeds: FeedServer;
  clock: { now: number };
  /** BRIEF_DB and the allow-list for the harness's env. */
  env: Record<string, string>;
  factory: (parts: { config: Config; service: BriefService; logger: Logger }) => DigestServiceWithRuntime;
  /** The service the last factory call made. */
  readonly digest: DigestServiceWithRuntime;
  readonly store: Store;
  scheduler(publishers: DigestPublishers): DigestScheduler;
  /** An item of `path`'s feed with an article the extractive engine can brief. */
  item(n: number, subject: string, ageHours: number): FeedDocItem;
  /** Closes the stores the factory opened (the harnesses' adapters must be stopped first). */
  close(): Promise<void>;
}

const HOUR = 3_600_000;

export async function startAdapterDigest(start: number): Promise<AdapterDigest> {
  const feeds = await startFeedServer();
  const tmp = makeTempDir('brief-adapter-digest-');
  const clock = { now: start };
  const stores: Store[] = [];
  let last: { digest: DigestServiceWithRuntime; store: Store; logger: Logger } | null = null;

  const self: AdapterDigest = {
    feeds,
    clock,
    // Loopback on any port: the feed server and each harness's own article server.
    env: { BRIEF_DB: join(tmp.dir, 'brief.db'), BRIEF_FETCH_ALLOW_HOSTS: '127.0.0.1' },
    factory({ config, service, logger }) {
      const store = openSqliteStore(config.store.path);
      stores.push(store);
      const digest = createDigestService({ config, service, store, logger, now: () => clock.now });
      last = { digest, store, logger };
      return digest;
    },
    get digest() {
      if (!last) throw new Error('no digest service made yet');
      return last.digest;
    },
    get store() {
      if (!last) throw new Error('no digest service made yet');
      return last.store;
    },
    scheduler(publishers) {
      return createDigestScheduler({
        digest: self.digest,
        publishers,
        logger: last!.logger,
        now: () => clock.now,
      });
    },
    item(n, subject, ageHours) {
      feeds.setArticle(`/a/${n}`, subject, storyParagraphs(subject, n));
      return {
        guid: `item-${n}`,
        title: subject,
        link: feeds.url(`/a/${n}`),
        description: `${subject}: what was decided and what it will cost.`,
        published: clock.now - ageHours * HOUR,
      };
    },
    async close() {
      for (const store of stores) await store.close();
      await feeds.close();
      tmp.cleanup();
    },
  };
  return self;
}
