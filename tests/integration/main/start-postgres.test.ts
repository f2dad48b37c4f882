import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResponseUrl } from '../../helpers/fake-response-url.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { useMainProcesses } from '../../helpers/main-process.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';
import { POSTGRES_ADMIN_URL, postgresAvailable, usePostgresDatabase } from '../../helpers/postgres.js';

const SECRET = 'test-signing-secret';

/** `npm start` with BRIEF_DATABASE_URL: the store on PostgreSQL, opened first and closed last. */
describe.skipIf(!postgresAvailable)('npm start on PostgreSQL', () => {
  const database = usePostgresDatabase();
  const startMain = useMainProcesses();
  let slack: FakeSlackApi | undefined;
  afterEach(() => slack?.close());

  const connections = async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'brief'`,
        [database.name],
      );
      return rows[0]!.n;
    } finally {
      await admin.end();
    }
  };

  it(
    'migrates the database, serves digest commands from it, and ends its pool on SIGTERM',
    { timeout: 90_000 },
    async () => {
      slack = await startFakeSlackApi({ token: 'xoxb-test-main' });
      const responseUrl = await startFakeResponseUrl();
      const started = startMain({
        SLACK_BOT_TOKEN: 'xoxb-test-main',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.url,
        PORT: '0',
        BRIEF_DATABASE_URL: database.url,
        BRIEF_DATABASE_POOL_MAX: '3',
        LOG_LEVEL: 'info',
      });
      expect(await started.waitForLog('store ready')).toMatchObject({ dialect: 'postgres' });
      const ready = await started.waitForLog('slack ready');
      const list = await postSlashCommand(`http://127.0.0.1:${String(ready.port)}/slack/events`, SECRET, {
        text: 'digest list',
        response_url: responseUrl.newUrl(),
      });
      expect(list.status).toBe(200);
      expect(list.body).not.toMatch(/not enabled|went wrong/);
      expect(await connections()).toBeGreaterThan(0);

      started.child.kill('SIGTERM');
      expect(await started.exit).toBe(0);
      expect(started.stderr()).not.toContain('unhandled');
      // The store stopped last, cleanly, and left no connection behind.
      expect(started.stderr()).not.toContain('stop failed');
      await expect.poll(connections).toBe(0);
      await responseUrl.close();
    },
  );
});
