/**
 * npm run bench:slack — N concurrent signed `/brief <url>` requests (N = 1, 10, 50), each on a fresh
 * connection, against the real Slack adapter (Bolt over HTTP, real ingest and extractive engine)
 * running in its own process (bench/slack-app.ts), which fetches examples/summit-article.txt from a
 * local article server and posts to a fake Slack Web API (both in this process).
 *
 * Two app set-ups in the same run: the brief service on the main thread, and on worker threads
 * (src/worker-service.ts). Prints ack p50/p99/max (client side, and inside the app), time until the
 * brief is posted (its chat.postMessage reaches the fake) p50/p99, the app's peak RSS and longest
 * event-loop stall; baselines from the same run: a bare node:http server's ack under the same load,
 * and the service alone briefing the same article one at a time.
 * Targets at N = 50: ack p99 < 100 ms and none over 3 s; posted p50 < 500 ms.
 *
 * Options: --rounds R (default 3), --concurrency C (the adapter's queue), --workers W (pool size).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { silentLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import { defaultWorkerCount } from '../src/worker-service.js';
import { startFakeResponseUrl } from '../tests/helpers/fake-response-url.js';
import { startFakeSlackApi, type FakeSlackApi } from '../tests/helpers/fake-slack-api.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../tests/helpers/slack-harness.js';
import { summitPage } from '../tests/helpers/slack-pages.js';
import { postSigned, postSlashCommand, slashCommandBody } from '../tests/helpers/slack-signed-client.js';
import { startArticleServer } from '../tests/helpers/article-server.js';

const LEVELS = [1, 10, 50];
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 3);
const passThrough = arg('--concurrency') ? ['--concurrency', arg('--concurrency')!] : [];
const WORKERS = arg('--workers') ?? String(defaultWorkerCount());

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const cell = (x: number, width: number) => x.toFixed(1).padStart(width);

/** Resident set size of a process including its worker threads (Linux /proc; 0 elsewhere). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface App {
  child: ChildProcess;
  port: number;
  idle(): Promise<{ loopDelayMaxMs: number; serverAcks: number[] }>;
}

async function spawnApp(args: string[], env: Record<string, string>): Promise<App> {
  const child = fork(new URL('./slack-app.ts', import.meta.url).pathname, args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [msg] = (await once(child, 'message')) as [{ port: number }];
  return {
    child,
    port: msg.port,
    async idle() {
      child.send({ type: 'idle' });
      const [reply] = (await once(child, 'message')) as [{ loopDelayMaxMs: number; serverAcks: number[] }];
      return reply;
    },
  };
}

interface Sample {
  ack: number[];
  inApp: number[];
  posted: number[];
  peak: number;
  loopMax: number;
}

async function burst(
  app: App,
  api: FakeSlackApi,
  newResponseUrl: () => string,
  url: string,
  n: number,
  tag: string,
) {
  await app.idle();
  api.reset();
  const pid = app.child.pid!;
  let peak = rssOf(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);
  const channels = Array.from({ length: n }, (_, i) => `C${tag}${i}`);
  const starts = new Map<string, number>();
  const acks = await Promise.all(
    channels.map((channel) => {
      starts.set(channel, performance.now());
      const fields = { text: `<${url}>`, response_url: newResponseUrl(), channel_id: channel };
      return postSlashCommand(`http://127.0.0.1:${app.port}/slack/events`, TEST_SIGNING_SECRET, fields, {
        freshConnection: true,
      });
    }),
  );
  // Each brief is two posts: the channel message, then the key facts in its thread.
  await api.waitForCalls('chat.postMessage', 2 * n, 120_000);
  const { loopDelayMaxMs, serverAcks } = await app.idle();
  clearInterval(sampler);
  if (acks.some((a) => a.status !== 200)) throw new Error('an ack was not 200');
  const posts = api.callsTo('chat.postMessage');
  const posted = channels.map((channel) => {
    const first = posts.find((c) => c.args['channel'] === channel && !c.args['thread_ts']);
    if (!first) throw new Error(`no brief posted in ${channel}`);
    return first.at - starts.get(channel)!;
  });
  return { ack: acks.map((a) => a.ms), inApp: serverAcks, posted, peak, loopMax: loopDelayMaxMs };
}

async function main(): Promise<void> {
  const articles = await startArticleServer({ '/summit': summitPage() });
  const api = await startFakeSlackApi({ token: TEST_BOT_TOKEN });
  const hooks = await startFakeResponseUrl();
  const url = articles.url('/summit');
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.url,
    PORT: '0',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${articles.port}`,
    BRIEF_ENGINE: 'extractive',
    LOG_LEVEL: 'warn',
  };

  const bare = await spawnApp(['--bare'], env);
  const runBare = async (n: number) => {
    const body = slashCommandBody({ text: url, response_url: 'http://127.0.0.1:9/x' });
    const res = await Promise.all(
      Array.from({ length: n }, () =>
        postSigned(
          `http://127.0.0.1:${bare.port}/slack/events`,
          TEST_SIGNING_SECRET,
          body,
          'application/x-www-form-urlencoded',
          { freshConnection: true },
        ),
      ),
    );
    return res.map((r) => r.ms);
  };

  const header = [
    '| service        | N  | ack p50 | ack p99 | ack max | in-app ack p99 | posted p50 | posted p99 | peak RSS | loop stall max |',
    '|----------------|----|--------:|--------:|--------:|---------------:|-----------:|-----------:|---------:|---------------:|',
  ];
  const rows: string[] = [];
  const variants = [
    { label: 'main thread', args: passThrough },
    { label: `${WORKERS} worker(s)`, args: [...passThrough, '--workers', WORKERS] },
  ];
  for (const variant of variants) {
    const app = await spawnApp(variant.args, env);
    await burst(app, api, () => hooks.newUrl(), url, 10, 'W'); // warm-up: JIT, NLP lexicon, workers
    for (const n of LEVELS) {
      const all: Sample = { ack: [], inApp: [], posted: [], peak: 0, loopMax: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const s = await burst(app, api, () => hooks.newUrl(), url, n, `${n}r${round}x`);
        all.ack.push(...s.ack);
        all.inApp.push(...s.inApp);
        all.posted.push(...s.posted);
        all.peak = Math.max(all.peak, s.peak);
        all.loopMax = Math.max(all.loopMax, s.loopMax);
      }
      rows.push(
        `| ${variant.label.padEnd(14)} | ${String(n).padEnd(2)} | ${cell(pct(all.ack, 50), 7)} | ${cell(pct(all.ack, 99), 7)} | ${cell(Math.max(...all.ack), 7)} | ${cell(pct(all.inApp, 99), 14)} | ${cell(pct(all.posted, 50), 10)} | ${cell(pct(all.posted, 99), 10)} | ${`${(all.peak / 2 ** 20).toFixed(0)} MB`.padStart(8)} | ${cell(all.loopMax, 14)} |`,
      );
    }
    app.child.kill('SIGINT');
    await once(app.child, 'exit');
  }

  const bareRows: string[] = [];
  await runBare(10);
  for (const n of LEVELS) {
    const acks: number[] = [];
    for (let round = 0; round < ROUNDS; round++) acks.push(...(await runBare(n)));
    bareRows.push(`N=${n}: p50 ${pct(acks, 50).toFixed(1)} ms, p99 ${pct(acks, 99).toFixed(1)} ms`);
  }
  bare.child.kill('SIGINT');

  const service = createBriefService({
    config: loadConfig(env),
    engines: { extractive: createExtractiveEngine() },
    logger: silentLogger,
  });
  for (let i = 0; i < 5; i++) await service.brief({ kind: 'url', url });
  const direct: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await service.brief({ kind: 'url', url });
    direct.push(performance.now() - t);
  }

  console.log(
    `bench:slack — ${ROUNDS} rounds per N, times in ms, ${availableParallelism()} cores, Node ${process.version}`,
  );
  console.log([...header, ...rows].join('\n'));
  console.log(`\nBaseline, bare node:http 200 under the same load: ${bareRows.join('; ')}`);
  console.log(
    `Baseline, service.brief alone on the same article, one at a time (n=${direct.length}): p50 ${pct(direct, 50).toFixed(1)} ms, p99 ${pct(direct, 99).toFixed(1)} ms`,
  );
  await Promise.all([api.close(), hooks.close(), articles.close()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
