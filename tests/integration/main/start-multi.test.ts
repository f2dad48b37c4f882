import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * `npm start` (the build in dist/) for many workspaces: the OAuth variables instead of a bot
 * token, an install through the real process, and the start-up errors of the encryption key.
 */
const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'test-client-secret';
const OAUTH = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: 'test-state-secret-0123456789',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
};

const children: ChildProcess[] = [];
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await slack?.close();
  slack = undefined;
});

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const logged = async (msg: string) => {
    // Polling a child's output: there is no event for "this line was written".
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      const line = err
        .split('\n')
        .find((l) => l.startsWith('{') && (JSON.parse(l) as { msg?: string }).msg === msg);
      if (line) return JSON.parse(line) as Record<string, unknown>;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no "${msg}" log line; stderr was:\n${err}`);
  };
  return { child, stderr: () => err, exit, logged };
}

describe('npm start for many workspaces', () => {
  it('serves "Add to Slack", installs a workspace into its database and stops cleanly', async () => {
    slack = await startFakeSlackApi({
      token: 'xoxb-unused',
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const db = makeTempDir();
    const started = startMain({
      ...OAUTH,
      BRIEF_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SLACK_API_URL: slack.url,
      PORT: '0',
      BRIEF_DB: `${db.dir}/brief.db`,
      LOG_LEVEL: 'info',
    });
    const ready = await started.logged('slack ready');
    const base = `http://127.0.0.1:${String(ready.port)}`;
    slack.oauthRedirectUri = `${base}/slack/oauth_redirect`;
    slack.approveNextInstall({ teamId: 'TMAIN', teamName: 'Main Team' });

    const page = await fetch(`${base}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Add to Slack');
    const href = /href="(http[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(new URL(href).searchParams.get('client_id')).toBe(CLIENT_ID);
    const redirect = (await fetch(href, { redirect: 'manual' })).headers.get('location')!;
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const done = await fetch(redirect, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Main Team');
    expect(started.stderr()).toContain('"msg":"slack app installed"');
    // The token is the fake's, and it never reaches the log.
    const token = [...slack.workspaces.values()].find((w) => w.teamId === 'TMAIN')!.botToken;
    expect(started.stderr()).not.toContain(token);
    expect(started.stderr()).not.toContain(CLIENT_SECRET);

    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    db.cleanup();
  });

  it('refuses to start without the encryption key, or with a malformed one, naming it', async () => {
    const missing = startMain({ ...OAUTH });
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toMatch(
      /^brief: configuration error\nBRIEF_ENCRYPTION_KEY: required .*openssl rand -base64 32/m,
    );
    const bad = randomBytes(31).toString('base64');
    const malformed = startMain({ ...OAUTH, BRIEF_ENCRYPTION_KEY: bad });
    expect(await malformed.exit).toBe(2);
    expect(malformed.stderr()).toMatch(
      /BRIEF_ENCRYPTION_KEY: must be 32 random bytes in base64 .*this is 31 bytes/,
    );
    expect(malformed.stderr()).not.toContain(bad);
  });
});
