import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrl, postgresAvailable, usePostgresDatabase } from '../../helpers/postgres.js';
import { deleteKeys, redisAvailable, useRedisPrefix } from '../../helpers/redis.js';

/** The helpers that give tests their own PostgreSQL database and Redis key prefix. */
describe.skipIf(!redisAvailable)('Redis test helper', () => {
  const redis = useRedisPrefix();
  let previous = '';

  it('gives each test its own key prefix and a client', async () => {
    expect(redis.prefix).toMatch(/^brief_t_[0-9a-f]{12}:$/);
    await redis.client.set(`${redis.prefix}a`, '1');
    await redis.client.set(`${redis.prefix}b`, '2');
    expect(await redis.client.get(`${redis.prefix}a`)).toBe('1');
    previous = redis.prefix;
  });

  it("deletes the previous test's keys, and only keys under a prefix", async () => {
    expect(redis.prefix).not.toBe(previous);
    expect(await redis.client.exists(`${previous}a`, `${previous}b`)).toBe(0);
    const outside = `${redis.prefix.slice(0, -1)}-outside`;
    await redis.client.set(outside, 'x');
    await redis.client.set(`${redis.prefix}c`, '3');
    expect(await deleteKeys(redis.client, redis.prefix)).toBe(1);
    expect(await redis.client.get(outside)).toBe('x');
    await redis.client.del(outside);
  });
});

describe.skipIf(!postgresAvailable)('PostgreSQL test helper', () => {
  const database = usePostgresDatabase();

  it('creates a database of its own for the describe, with durability off for speed', async () => {
    expect(database.name).toMatch(/^brief_t_[0-9a-f]{12}$/);
    expect(database.url).toBe(databaseUrl(database.name));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; sync: string }>(
        `SELECT current_database() AS db, current_setting('synchronous_commit') AS sync`,
      );
      expect(rows[0]).toEqual({ db: database.name, sync: 'off' });
    } finally {
      await client.end();
    }
  });
});
