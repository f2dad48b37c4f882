import { untilDeadline } from '../drain.js';
import { isWorkspaceGone } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChannelSchedule, DigestStore, LedgerEntry } from '../store/store.js';
import { channelKey, type DigestRun, type DigestRuntime } from './runtime.js';
import { dueSlot, type DueSlot } from './schedule.js';
import type { DigestPublishers, DigestScheduler } from './types.js';

/**
 * Runs the daily digests. Every tick (about once a minute) it
 *   1. resumes deliveries a crash or a failed post left unfinished (from the ledger, never re-composed),
 *   2. finds channels whose slot for their local today has come and is not in the ledger yet,
 *   3. composes, commits (ledger row + items seen, one transaction) and posts each of them.
 * The ledger's unique (channel, local date) row makes "at most one scheduled digest a day" hold
 * across restarts; a slot missed while the process was down is still due when it returns that day.
 */
export interface DigestSchedulerDeps {
  /** The digest service (createDigestService) or its runtime. */
  digest: { runtime: DigestRuntime } | DigestRuntime;
  /** Defaults to the digest runtime's store (the same one must be used). */
  store?: DigestStore;
  publishers: DigestPublishers;
  logger?: Logger;
  /** Unix ms; defaults to the digest runtime's clock. */
  now?: () => number;
  /** Timer seam for start(); default setTimeout, unref'd so it never keeps a process alive. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  /** Channels composed at once in a tick (their fetches share the runtime's polite limiter). */
  channelConcurrency?: number;
}

/** Delivery attempts before a digest is given up (the channel was deleted, the bot removed). */
export const MAX_ATTEMPTS = 6;
/** A slot whose feeds all failed is retried this often, this many times, then recorded empty. */
export const FAILED_RETRY_MS = 15 * 60_000;
export const FAILED_RETRIES = 3;
const SEEN_RETENTION_MS = 90 * 86_400_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;

/**
 * A short, safe reason for a failed post, kept in the ledger for App Home: the platform's error
 * code (Slack's `not_in_channel`, Discord's numeric code, a client's `..._request_error`), never
 * a message, which may carry internal addresses.
 */
export function failureCode(err: unknown): string {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const { data, code } = e as { data?: { error?: unknown }; code?: unknown };
    if (typeof data?.error === 'string' && /^[a-z0-9_]{1,60}$/i.test(data.error)) return data.error;
    if ((typeof code === 'string' && /^[a-z0-9_.-]{1,60}$/i.test(code)) || typeof code === 'number')
      return String(code);
    e = (e as { cause?: unknown }).cause;
  }
  return 'error';
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const runtime = 'runtime' in deps.digest ? deps.digest.runtime : deps.digest;
  const store: DigestStore = deps.store ?? runtime.store;
  const logger = (deps.logger ?? runtime.logger).child({ component: 'digest-scheduler' });
  const now = deps.now ?? runtime.now;
  const setTimer = deps.setTimer ?? defaultTimer;
  const concurrency = deps.channelConcurrency ?? 4;
  const retries = new Map<string, { localDate: string; count: number; notBefore: number }>();
  const warnedPlatforms = new Set<string>();
  let running: Promise<void> | null = null;
  // Aborted when a stop's deadline passes: composing stops, nothing half-made is committed.
  const shutdown = new AbortController();
  let active = 0;
  let finished = 0;
  let timer: { cancel(): void } | null = null;
  let stopped = true;
  let lastPrune = 0;

  const backoff = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;

  const deliver = async (entry: LedgerEntry) => {
    const publisher = deps.publishers[entry.channel.platform];
    if (!publisher) return;
    try {
      // Another process holds it (its scheduler got there first): that one delivers it.
      if (!(await runtime.deliver(entry, publisher))) return;
      logger.info('digest delivered', {
        channel: channelKey(entry.channel),
        localDate: entry.localDate,
        kind: entry.kind,
        stories: entry.digest.stories.length,
      });
    } catch (err) {
      if (isWorkspaceGone(err)) {
        // It uninstalled: nothing may be posted there, and there is nobody to tell. Ends quietly.
        await store.markAttemptFailed(entry.id, now(), true, now(), 'uninstalled');
        logger.info('digest dropped: the workspace has no installation any more', {
          channel: channelKey(entry.channel),
          localDate: entry.localDate,
        });
        return;
      }
      const attempts = entry.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await store.markAttemptFailed(entry.id, now() + backoff(attempts), giveUp, now(), failureCode(err));
      logger[giveUp ? 'error' : 'warn']('digest delivery failed', {
        channel: channelKey(entry.channel),
        localDate: entry.localDate,
        attempts,
        giveUp,
        err,
      });
    }
  };

  const runSlot = async (schedule: ChannelSchedule, slot: DueSlot, run: DigestRun) => {
    const { channel } = schedule;
    const key = channelKey(channel);
    await runtime.withChannel(channel, async () => {
      if (await store.hasScheduledDigest(channel, slot.localDate)) return;
      const feeds = (await store.listSubscriptions(channel)).map((s) => ({
        url: s.feedUrl,
        title: s.feedTitle,
      }));
      const { digest, keys } = await runtime.compose(run, schedule, slot.localDate, feeds, {
        signal: shutdown.signal,
      });
      if (digest.stories.length === 0 && digest.failedFeeds.length > 0) {
        // Nothing to say because feeds failed, not because nothing happened: try again later.
        const r = retries.get(key);
        const count = r?.localDate === slot.localDate ? r.count + 1 : 1;
        if (count <= FAILED_RETRIES) {
          retries.set(key, { localDate: slot.localDate, count, notBefore: now() + FAILED_RETRY_MS });
          logger.warn('digest feeds failed; retrying later', {
            channel: key,
            failed: digest.failedFeeds.length,
          });
          return;
        }
      }
      retries.delete(key);
      // Null when another process committed this slot first: the unique index decides, once.
      const entry = await store.commitDigest({
        kind: 'scheduled',
        digest,
        keys,
        at: now(),
        lease: runtime.lease(),
      });
      if (entry?.status === 'composed') await deliver(entry);
    });
  };

  const runTick = async () => {
    const at = now();
    for (const entry of await store.pendingDeliveries(at)) {
      if (shutdown.signal.aborted) return;
      await deliver(entry);
    }

    const due: Array<{ schedule: ChannelSchedule; slot: DueSlot }> = [];
    for (const schedule of await store.channelSchedules()) {
      const { channel } = schedule;
      if (!deps.publishers[channel.platform]) {
        if (!warnedPlatforms.has(channel.platform)) {
          warnedPlatforms.add(channel.platform);
          logger.warn('digest channels on a platform that is not running; their digests wait', {
            platform: channel.platform,
          });
        }
        continue;
      }
      const slot = dueSlot(schedule, at);
      if (!slot || (await store.hasScheduledDigest(channel, slot.localDate))) continue;
      const retry = retries.get(channelKey(channel));
      if (retry && retry.localDate === slot.localDate && retry.notBefore > at) continue;
      due.push({ schedule, slot });
    }
    if (due.length > 0) {
      // One run for the whole tick: a feed followed by many channels is fetched once.
      const run = runtime.newRun();
      let next = 0;
      const worker = async () => {
        while (next < due.length && !shutdown.signal.aborted) {
          const { schedule, slot } = due[next++]!;
          active++;
          try {
            await runSlot(schedule, slot, run);
            finished++;
          } catch (err) {
            if (shutdown.signal.aborted) {
              logger.info('scheduled digest stopped by shutdown; the next run makes it', {
                channel: channelKey(schedule.channel),
              });
            } else {
              logger.error('scheduled digest failed', { channel: channelKey(schedule.channel), err });
            }
          } finally {
            active--;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    }
    if (at - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = at;
      await store.pruneSeen(at - SEEN_RETENTION_MS);
    }
  };

  const tick = (): Promise<void> => {
    // Never overlapping: a tick asked for while one runs joins it.
    if (!running) {
      running = runTick()
        .catch((err: unknown) => logger.error('digest tick failed', { err }))
        .finally(() => {
          running = null;
        });
    }
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    // A few seconds past each minute: a 09:00 digest goes at 09:00:02, not 09:00:59.
    const delay = 60_000 - (now() % 60_000) + 2_000;
    timer = setTimer(() => {
      timer = null;
      void tick().finally(schedule);
    }, delay);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void tick().finally(schedule);
    },
    tick,
    async stop({ deadline } = {}) {
      stopped = true;
      timer?.cancel();
      timer = null;
      const before = finished;
      if (running && deadline) await untilDeadline(running, deadline);
      const aborted = active;
      shutdown.abort();
      await running;
      return { finished: finished - before, aborted, rejected: 0 };
    },
  };
}
