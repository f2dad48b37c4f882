import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { startFakeResponseUrl } from '../../helpers/fake-response-url.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../helpers/fake-slack-api.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * `npm start` as users run it, from the build in dist/: one real process with Slack and Discord side by side, talking to
 * the local fakes through SLACK_API_URL and DISCORD_API_URL, stopped by SIGTERM.
 */
const SECRET = 'test-signing-secret';
const STORY =
  'The city council approved a new budget on Monday. It adds 40 electric buses to the fleet by 2027. ' +
  'Fares will stay at $2 for another year, the mayor said. The vote was 7 to 2. ' +
  'Opponents said the plan relies on a state grant that has not yet been approved.';

const ARTICLE_HTML = readFileSync(
  new URL('../../fixtures/discord/harbor-article.html', import.meta.url),
  'utf8',
);

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startMain(env: Record<string, string>): Started {
  // The build, as `npm start` runs it (tests/global-setup.ts keeps dist/ fresh).
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stderr: () => err, exit };
}

async function waitForLog(
  started: Started,
  msg: string,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of started.stderr().split('\n')) {
      if (!line.startsWith('{')) continue;
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.msg === msg) return record;
    }
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no "${msg}" log line; stderr was:\n${started.stderr()}`);
}

describe('npm start', () => {
  let slack: FakeSlackApi | undefined;
  let discord: FakeDiscord | undefined;
  let articles: ArticleServer | undefined;
  afterEach(async () => {
    await slack?.close();
    await discord?.close();
    await articles?.close();
    slack = discord = articles = undefined;
  });

  it('runs Slack, Discord and digests in one process and stops cleanly on SIGTERM', async () => {
    slack = await startFakeSlackApi({ token: 'xoxb-test-main' });
    discord = await startFakeDiscord();
    const responseUrl = await startFakeResponseUrl();
    const db = makeTempDir();
    const started = startMain({
      SLACK_BOT_TOKEN: 'xoxb-test-main',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      PORT: '0',
      DISCORD_TOKEN: 'fake-discord-token',
      DISCORD_APPLICATION_ID: discord.ids.application,
      DISCORD_API_URL: discord.apiUrl,
      BRIEF_DB: `${db.dir}/brief.db`,
      LOG_LEVEL: 'info',
    });
    const ready = await waitForLog(started, 'slack ready');
    await waitForLog(started, 'discord ready');
    // Every brief worker loaded its modules and briefed once before anything reported ready.
    const warm = await waitForLog(started, 'brief workers warm');
    expect(warm.workers).toBeGreaterThan(0);
    expect(warm.ms).toHaveLength(warm.workers as number);
    const log = started.stderr();
    expect(log.indexOf('"msg":"brief workers warm"')).toBeLessThan(log.indexOf('"msg":"slack ready"'));

    const base = `http://127.0.0.1:${String(ready.port)}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const ack = await postSlashCommand(`${base}/slack/events`, SECRET, {
      text: STORY,
      response_url: responseUrl.newUrl(),
    });
    expect(ack.status).toBe(200);
    const [post] = await slack.waitForCalls('chat.postMessage', 1);
    expect(JSON.stringify(post?.args)).toContain('council approved a new budget');

    // Digests are wired: the subcommand answers from the store instead of "not enabled".
    const list = await postSlashCommand(`${base}/slack/events`, SECRET, {
      text: 'digest list',
      response_url: responseUrl.newUrl(),
    });
    expect(list.status).toBe(200);
    expect(list.body).not.toMatch(/not enabled/);
    expect(list.body).toMatch(/feed/i);

    const payload = discord.chatInput('brief', { text: STORY });
    discord.dispatchInteraction(payload);
    await discord.waitFor(
      (r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('council approved a new budget'),
    );

    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    expect(started.stderr()).not.toContain('unhandled');
    await responseUrl.close();
    db.cleanup();
  });

  it('drains on SIGTERM: not ready at once, the running brief finishes, new ones hear "restarting"', async () => {
    slack = await startFakeSlackApi({ token: 'xoxb-test-drain' });
    const responseUrl = await startFakeResponseUrl();
    const db = makeTempDir();
    // The article answers only when the test says so: the brief is running when SIGTERM comes.
    const held: ServerResponse[] = [];
    articles = await startArticleServer({ '/held': (_req, res) => void held.push(res) });
    const started = startMain({
      SLACK_BOT_TOKEN: 'xoxb-test-drain',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      PORT: '0',
      BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${articles.port}`,
      BRIEF_ENGINE: 'extractive',
      BRIEF_DB: `${db.dir}/brief.db`,
      BRIEF_SHUTDOWN_GRACE_MS: '120000',
      LOG_LEVEL: 'info',
    });
    const ready = await waitForLog(started, 'slack ready');
    const base = `http://127.0.0.1:${String(ready.port)}`;
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 15_000 }).toBe(200);

    const ack = await postSlashCommand(`${base}/slack/events`, SECRET, {
      text: articles.url('/held'),
      response_url: responseUrl.newUrl(),
    });
    expect(ack.status).toBe(200);
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(1);

    started.child.kill('SIGTERM');
    await waitForLog(started, 'draining');
    const readyz = await fetch(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ ready: false, draining: true });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const late = await postSlashCommand(`${base}/slack/events`, SECRET, {
      text: STORY,
      response_url: responseUrl.newUrl(),
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatch(/restarting/);

    held[0]!.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE_HTML);
    const [post] = await slack.waitForCalls('chat.postMessage', 1);
    expect(JSON.stringify(post?.args)).toContain('Westhaven');
    expect(await started.exit).toBe(0);
    const stopped = await waitForLog(started, 'stopped');
    expect(stopped).toMatchObject({ finished: 1, aborted: 0, rejected: 1 });
    expect(started.stderr()).not.toContain('unhandled');
    await responseUrl.close();
    db.cleanup();
  });

  it('serves /healthz, /readyz and /metrics on PORT for a Discord-only bot', async () => {
    discord = await startFakeDiscord();
    const db = makeTempDir();
    const started = startMain({
      DISCORD_TOKEN: 'fake-discord-token',
      DISCORD_APPLICATION_ID: discord.ids.application,
      DISCORD_API_URL: discord.apiUrl,
      PORT: '0',
      BRIEF_DB: `${db.dir}/brief.db`,
      LOG_LEVEL: 'info',
    });
    const listening = await waitForLog(started, 'http listening');
    const base = `http://127.0.0.1:${String(listening.port)}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await waitForLog(started, 'discord ready');
    const readyz = await fetch(`${base}/readyz`);
    expect(await readyz.json()).toEqual({
      ready: true,
      draining: false,
      parts: { database: true, discord: true },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).toContain('brief_queue_depth{queue="discord-brief",state="waiting"} 0');
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    expect(await waitForLog(started, 'stopped')).toMatchObject({ finished: 0, aborted: 0, rejected: 0 });
    db.cleanup();
  });

  it('names DISCORD_TOKEN when Discord refuses it, and exits non-zero', async () => {
    discord = await startFakeDiscord();
    discord.fail({
      method: 'GET',
      path: /^\/gateway\/bot$/,
      status: 401,
      code: 0,
      message: '401: Unauthorized',
    });
    const db = makeTempDir();
    const started = startMain({
      DISCORD_TOKEN: 'fake-discord-token',
      DISCORD_APPLICATION_ID: discord.ids.application,
      DISCORD_API_URL: discord.apiUrl,
      PORT: '0',
      BRIEF_DB: `${db.dir}/brief.db`,
    });
    expect(await started.exit).toBe(1);
    expect(started.stderr()).toMatch(/brief: could not start: DISCORD_TOKEN was refused by Discord/);
    expect(started.stderr()).not.toContain('fake-discord-token');
    db.cleanup();
  });

  it('explains what to set when nothing is configured, and exits non-zero', async () => {
    const started = startMain({});
    expect(await started.exit).toBe(1);
    expect(started.stderr()).toMatch(/SLACK_BOT_TOKEN=xoxb-\.\.\./);
    expect(started.stderr()).toMatch(/DISCORD_TOKEN=/);
  });

  it('names the variable when the configuration is wrong', async () => {
    const started = startMain({ SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: SECRET });
    expect(await started.exit).toBe(2);
    expect(started.stderr()).toMatch(/^brief: configuration error\nSLACK_BOT_TOKEN: /);
  });
});
