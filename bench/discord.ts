/**
 * `npm run bench:discord`: N concurrent /brief interactions (N = 1, 10, 50) through the fake
 * Discord gateway, answered by the real bot (discord.js, the brief service, ingest over HTTP from
 * a local article server, the extractive engine). Prints defer latency, time until the embed is
 * edited in, time until the facts are in their thread, and the bot process's peak RSS, with a
 * same-run baseline: the fake's REST round trip, the service briefing one article with no Discord
 * at all, and the bot's idle RSS after login.
 *
 * The fake Discord and the article server run in a child process (discord-fake-process.ts), so
 * the bot's event loop and memory are its own, as they would be in production.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDiscord } from '../adapters/discord/start.js';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { createLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import type { FromFake, ToFake } from './discord-fake-process.js';

const ROUNDS = [1, 10, 50];
const TARGET_DEFER_P99_MS = 100;
const DISCORD_DEADLINE_MS = 3000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const child = fork(new URL('./discord-fake-process.ts', import.meta.url), [], { stdio: 'inherit' });
  const messages: FromFake[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (m: FromFake) => {
    messages.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  const next = async <T extends FromFake['type']>(type: T): Promise<Extract<FromFake, { type: T }>> => {
    for (;;) {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return messages.splice(i, 1)[0] as Extract<FromFake, { type: T }>;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const tell = (m: ToFake) => child.send(m);
  const ready = await next('ready');

  const config = loadConfig({
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: ready.applicationId,
    DISCORD_API_URL: ready.apiUrl,
    BRIEF_ENGINE: 'extractive',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${ready.pagesPort}`,
  });
  let rateLimited = 0;
  const logger = createLogger('warn', (line) => {
    const record = JSON.parse(line) as { msg: string };
    if (record.msg.startsWith('discord rate limit')) rateLimited++;
    else process.stderr.write(line + '\n');
  });
  const service = createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });

  // Baselines, same run: the fake's REST round trip and the service alone.
  const roundTrips: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await fetch(`${ready.apiUrl}/v10/gateway/bot`).then((r) => r.arrayBuffer());
    roundTrips.push(performance.now() - t);
  }
  let story = 0;
  const serviceTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await service.brief({ kind: 'url', url: `http://127.0.0.1:${ready.pagesPort}/story/${story++}` });
    serviceTimes.push(performance.now() - t);
  }

  const bot = await startDiscord(config.discord!, { service, logger });
  const round = async (n: number) => {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    tell({ type: 'round', n, firstStory: story });
    story += n;
    const result = await next('round');
    clearInterval(sampler);
    return { ...result, peakRss };
  };
  await round(3); // warm-up, not reported
  await sleep(1100); // discord.js's global budget (50 requests/s) refills between rounds
  const idleRss = process.memoryUsage().rss;

  const base = (v: number[]) =>
    `p50 ${percentile(v, 50).toFixed(1)} ms, p99 ${percentile(v, 99).toFixed(1)} ms`;
  console.log(
    'Discord bench: N concurrent /brief through the fake gateway (real discord.js, service, extractive)',
  );
  console.log(`baseline: fake REST round trip ${base(roundTrips)}`);
  console.log(`baseline: service.brief alone, one at a time (fetch + extract + brief) ${base(serviceTimes)}`);
  console.log(`baseline: bot process RSS idle after login ${mb(idleRss)}`);
  const header = ['defer p50', 'defer p99', 'defer max', 'embed p50', 'embed p99', 'embed max', 'facts p99'];
  console.log(
    [
      'N'.padStart(3),
      ...header.map((h) => h.padStart(10)),
      'peak RSS'.padStart(9),
      '429-queue'.padStart(9),
    ].join(' '),
  );
  let verdict = '';
  for (const n of ROUNDS) {
    const before = rateLimited;
    const r = await round(n);
    console.log(
      [
        String(n).padStart(3),
        ms(percentile(r.defer, 50)),
        ms(percentile(r.defer, 99)),
        ms(Math.max(...r.defer)),
        ms(percentile(r.embed, 50)),
        ms(percentile(r.embed, 99)),
        ms(Math.max(...r.embed)),
        ms(percentile(r.facts, 99)),
        mb(r.peakRss).padStart(9),
        String(rateLimited - before).padStart(9),
      ].join(' '),
    );
    if (n === 50) {
      const p99 = percentile(r.defer, 99);
      const max = Math.max(...r.defer);
      verdict =
        `target at 50: defer p99 < ${TARGET_DEFER_P99_MS} ms ${p99 < TARGET_DEFER_P99_MS ? 'met' : 'MISSED'} (${p99.toFixed(1)} ms);` +
        ` no defer over ${DISCORD_DEADLINE_MS / 1000} s ${max < DISCORD_DEADLINE_MS ? 'met' : 'MISSED'} (max ${max.toFixed(1)} ms)`;
    }
    await sleep(1100);
  }
  console.log(verdict);
  console.log('429-queue: requests discord.js held back to stay within its 50 requests/s global budget.');
  await bot.stop();
  tell({ type: 'close' });
  await once(child, 'exit');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
