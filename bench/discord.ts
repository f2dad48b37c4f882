/**
 * `npm run bench:discord`: N concurrent /brief interactions (N = 1, 10, 50) through the fake
 * Discord gateway, answered by the real bot (discord.js, the brief service, ingest over HTTP from
 * a local article server, the extractive engine), in two set-ups: the brief service on the bot's
 * main thread, and on worker threads (src/worker-service.ts). Three processes, so nothing shares
 * an event loop: the fake Discord and article server (discord-fake-process.ts, which times each
 * interaction from its gateway frame to the requests it causes, as Discord would), the bot
 * (discord-bot-process.ts, which reports its RSS and event-loop stalls), and this orchestrator.
 *
 * Figures: defer latency (frame sent -> callback type 5 received), time until the embed is edited
 * in, time until the facts are in their thread, peak RSS of the bot process. Baselines, same run:
 * the fake's REST round trip, service.brief alone one at a time, and the bot's idle RSS.
 * Options: --rounds R (default 3 per N).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { silentLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import { defaultWorkerCount } from '../src/worker-service.js';
import type { FromBot, ToBot } from './discord-bot-process.js';
import type { FromFake, ToFake } from './discord-fake-process.js';

const LEVELS = [1, 10, 50];
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 3;
const TARGET_DEFER_P99_MS = 100;
const DISCORD_DEADLINE_MS = 3000;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const cell = (v: number, width: number) => v.toFixed(1).padStart(width);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** A child process spoken to over IPC: send, and wait for the next message of a type. */
function channel<In extends { type: string }, Out>(child: ChildProcess) {
  const inbox: In[] = [];
  let wake: (() => void) | null = null;
  child.on('message', (m: In) => {
    inbox.push(m);
    wake?.();
  });
  return {
    child,
    send: (m: Out) => child.send(m as object),
    async next<T extends In['type']>(type: T): Promise<Extract<In, { type: T }>> {
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0] as Extract<In, { type: T }>;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function main() {
  const fake = channel<FromFake, ToFake>(fork(new URL('./discord-fake-process.ts', import.meta.url)));
  const ready = await fake.next('ready');
  const env = {
    ...process.env,
    DISCORD_TOKEN: 'fake-discord-token',
    DISCORD_APPLICATION_ID: ready.applicationId,
    DISCORD_API_URL: ready.apiUrl,
    BRIEF_ENGINE: 'extractive',
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${ready.pagesPort}`,
  };
  let story = 0;
  const storyUrl = () => `http://127.0.0.1:${ready.pagesPort}/story/${story++ % 500}`;

  const roundTrips: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await fetch(`${ready.apiUrl}/v10/gateway/bot`).then((r) => r.arrayBuffer());
    roundTrips.push(performance.now() - t);
  }
  const service = createBriefService({
    config: loadConfig(env),
    engines: { extractive: createExtractiveEngine() },
    logger: silentLogger,
  });
  for (let i = 0; i < 5; i++) await service.brief({ kind: 'url', url: storyUrl() });
  const direct: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await service.brief({ kind: 'url', url: storyUrl() });
    direct.push(performance.now() - t);
  }

  const workers = defaultWorkerCount();
  const variants = [
    { label: 'main thread', args: [] as string[] },
    { label: `${workers} worker(s)`, args: ['--workers', String(workers)] },
  ];
  const rows: string[] = [];
  const verdicts: string[] = [];
  const idle: string[] = [];
  for (const variant of variants) {
    const bot = channel<FromBot, ToBot>(
      fork(new URL('./discord-bot-process.ts', import.meta.url), variant.args, { env }),
    );
    idle.push(`${variant.label} ${mb((await bot.next('ready')).idleRss)}`);
    const burst = async (n: number) => {
      bot.send({ type: 'measure-start' });
      fake.send({ type: 'round', n, firstStory: story });
      story += n;
      const timings = await fake.next('round');
      bot.send({ type: 'measure-end' });
      const measured = await bot.next('measured');
      // discord.js spends at most 50 requests a second (Discord's global limit); let it refill.
      await sleep(1100);
      return { ...timings, ...measured };
    };
    await burst(10); // warm-up: JIT, lexicons, worker start-up, HTTP connections
    for (const n of LEVELS) {
      const all = {
        defer: [] as number[],
        embed: [] as number[],
        facts: [] as number[],
        rss: 0,
        stall: 0,
        limited: 0,
      };
      for (let round = 0; round < ROUNDS; round++) {
        const r = await burst(n);
        all.defer.push(...r.defer);
        all.embed.push(...r.embed);
        all.facts.push(...r.facts);
        all.rss = Math.max(all.rss, r.peakRss);
        all.stall = Math.max(all.stall, r.loopStallMaxMs);
        all.limited += r.rateLimited;
      }
      const maxDefer = Math.max(...all.defer);
      rows.push(
        `| ${variant.label.padEnd(12)} | ${String(n).padStart(2)} | ${cell(pct(all.defer, 50), 9)} | ${cell(pct(all.defer, 99), 9)} | ${cell(maxDefer, 9)} | ${cell(pct(all.embed, 50), 9)} | ${cell(pct(all.embed, 99), 9)} | ${cell(pct(all.facts, 99), 9)} | ${mb(all.rss).padStart(8)} | ${cell(all.stall, 10)} | ${String(all.limited).padStart(8)} |`,
      );
      if (n === 50) {
        const p99 = pct(all.defer, 99);
        verdicts.push(
          `${variant.label}: defer p99 ${p99.toFixed(1)} ms (${p99 < TARGET_DEFER_P99_MS ? 'met' : 'MISSED'} < ${TARGET_DEFER_P99_MS} ms), ` +
            `max ${maxDefer.toFixed(1)} ms (${maxDefer < DISCORD_DEADLINE_MS ? 'met' : 'MISSED'} < ${DISCORD_DEADLINE_MS / 1000} s)`,
        );
      }
    }
    bot.send({ type: 'stop' });
    await once(bot.child, 'exit');
  }
  fake.send({ type: 'close' });
  await once(fake.child, 'exit');

  console.log(
    `bench:discord — N concurrent /brief, ${ROUNDS} rounds per N, times in ms, ${availableParallelism()} cores, Node ${process.version}`,
  );
  console.log(
    '| service      |  N | defer p50 | defer p99 | defer max | embed p50 | embed p99 | facts p99 | peak RSS | loop stall | 429-wait |',
  );
  console.log(
    '|--------------|---:|----------:|----------:|----------:|----------:|----------:|----------:|---------:|-----------:|---------:|',
  );
  console.log(rows.join('\n'));
  console.log(`\nTarget at N=50: ${verdicts.join('; ')}`);
  console.log(
    `Baseline, fake Discord REST round trip (n=50): p50 ${pct(roundTrips, 50).toFixed(1)} ms, p99 ${pct(roundTrips, 99).toFixed(1)} ms`,
  );
  console.log(
    `Baseline, service.brief alone, one at a time (n=${direct.length}): p50 ${pct(direct, 50).toFixed(1)} ms, p99 ${pct(direct, 99).toFixed(1)} ms`,
  );
  console.log(`Baseline, bot RSS idle after login: ${idle.join(', ')}`);
  console.log(
    '429-wait: times discord.js held requests back to stay within its 50 requests/s global budget.',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
