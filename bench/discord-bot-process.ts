/**
 * The bot under test in `npm run bench:discord`, in its own process so its event loop and memory
 * (worker threads included) are its own: startDiscord with the brief service on the main thread,
 * or with `--workers W` on worker threads (src/worker-service.ts). Configured by the environment
 * like the real bot; reports idle RSS when ready, then peak RSS and the longest event-loop stall
 * between 'measure-start' and 'measure-end'.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { startDiscord } from '../adapters/discord/start.js';
import { loadConfig } from '../src/config.js';
import { createExtractiveEngine } from '../src/engines/extractive/index.js';
import { createLogger } from '../src/logger.js';
import { createBriefService } from '../src/service.js';
import { createWorkerBriefService } from '../src/worker-service.js';

export type ToBot = { type: 'measure-start' } | { type: 'measure-end' } | { type: 'stop' };
export type FromBot =
  | { type: 'ready'; idleRss: number }
  | { type: 'measured'; peakRss: number; loopStallMaxMs: number; rateLimited: number };

const send = (message: FromBot) => process.send?.(message);

async function main() {
  const workersArg = process.argv.indexOf('--workers');
  const workers = workersArg >= 0 ? Number(process.argv[workersArg + 1]) : 0;
  const config = loadConfig(process.env);
  let rateLimited = 0;
  const logger = createLogger('warn', (line) => {
    if ((JSON.parse(line) as { msg: string }).msg.startsWith('discord rate limit')) rateLimited++;
    else process.stderr.write(line + '\n');
  });
  const service =
    workers > 0
      ? createWorkerBriefService({ config, logger, size: workers })
      : createBriefService({ config, engines: { extractive: createExtractiveEngine() }, logger });
  const bot = await startDiscord(config.discord!, { service, logger });

  let peakRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  process.on('message', (message: ToBot) => {
    if (message.type === 'measure-start') {
      peakRss = process.memoryUsage().rss;
      rateLimited = 0;
      loop.reset();
      loop.enable();
      sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    } else if (message.type === 'measure-end') {
      clearInterval(sampler);
      loop.disable();
      send({ type: 'measured', peakRss, loopStallMaxMs: loop.max / 1e6, rateLimited });
    } else {
      const close =
        workers > 0
          ? () => (service as ReturnType<typeof createWorkerBriefService>).close()
          : () => undefined;
      void bot
        .stop()
        .then(close)
        .then(() => process.disconnect());
    }
  });
  send({ type: 'ready', idleRss: process.memoryUsage().rss });
}

void main();
