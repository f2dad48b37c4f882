import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { settle, type Probe } from './services.js';

/**
 * Redis for tests (the BullMQ queue): every test gets its own key prefix, brief_t_<random>:, and
 * its keys are deleted after it, so files and tests share one server without seeing each other.
 * The server is BRIEF_TEST_REDIS_URL, default the local one.
 */
export const REDIS_URL = process.env.BRIEF_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const where = (() => {
  const u = new URL(REDIS_URL);
  return `${u.hostname}:${u.port || '6379'}`;
})();

/** Fail fast instead of ioredis's default of reconnecting forever. */
const PROBE_OPTIONS: RedisOptions = {
  lazyConnect: true,
  connectTimeout: 3000,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
};

async function probe(): Promise<Probe> {
  const redis = new Redis(REDIS_URL, PROBE_OPTIONS);
  // connect() only says "Connection is closed."; the cause (ECONNREFUSED, ...) comes as an event.
  let cause: Error | null = null;
  redis.on('error', (err: Error) => (cause ??= err));
  try {
    await redis.connect();
    await redis.ping();
    return { available: true };
  } catch (err) {
    return { available: false, reason: (cause ?? (err as Error)).message || String(err) };
  } finally {
    redis.disconnect();
  }
}

/** Whether Redis tests run in this file (top-level await). Throws when required and absent. */
export const redisAvailable: boolean = settle('Redis', where, await probe());

/** Connection options for ioredis (and BullMQ's `connection`), from REDIS_URL. */
export function redisConnection(): RedisOptions {
  const u = new URL(REDIS_URL);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    // BullMQ's workers block on Redis; it requires this to be null.
    maxRetriesPerRequest: null,
  };
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

export interface TestRedis {
  /** This test's key prefix (ends with ":"); BullMQ takes it as `prefix`. */
  readonly prefix: string;
  /** A client for the test's own checks; closed after the test. */
  readonly client: Redis;
}

/**
 * A unique key prefix per test, and a client: set up in beforeEach, keys deleted and the client
 * closed in afterEach. Call only when redisAvailable is true.
 */
export function useRedisPrefix(): TestRedis {
  let prefix = '';
  let client: Redis | null = null;
  beforeEach(() => {
    prefix = `brief_t_${randomBytes(6).toString('hex')}:`;
    client = new Redis(redisConnection());
  });
  afterEach(async () => {
    if (!client) return;
    await deleteKeys(client, prefix);
    await client.quit();
    client = null;
  });
  return {
    get prefix() {
      return prefix;
    },
    get client() {
      if (!client) throw new Error('the Redis client is created in beforeEach');
      return client;
    },
  };
}
