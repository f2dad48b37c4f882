/**
 * `npm start`: the composition root. It reads the configuration once, starts the brief workers,
 * every configured chat adapter and the digest scheduler in one process, and stops them cleanly on
 * SIGINT/SIGTERM. It is the
 * one file in src/ allowed to import adapters (eslint.config.js), because it wires them together.
 */
import { startDiscord } from '../adapters/discord/start.js';
import { startSlack } from '../adapters/slack/start.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDigestScheduler, createDigestService, type DigestPublishers } from './digest/index.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './store/open-store.js';
import { createWorkerBriefService } from './worker-service.js';

export const NOTHING_CONFIGURED = `Nothing to start: no chat platform is configured.
Set one (or both) of:
  Slack:   SLACK_BOT_TOKEN=xoxb-... and SLACK_SIGNING_SECRET=... (or SLACK_APP_TOKEN=xapp-... for Socket Mode)
  Discord: DISCORD_TOKEN=... and DISCORD_APPLICATION_ID=...
See README.md ("Slack" and "Discord") for the steps. To brief one article without a bot: npm run brief -- <url|file>`;

interface Running {
  name: string;
  stop(): Promise<void>;
}

/**
 * Starts everything and returns it in stop order: the scheduler first (it posts through the
 * adapters' clients), then the adapters (they finish accepted work), then what they depend on.
 */
async function startAll(config: Config, logger: Logger): Promise<Running[]> {
  const running: Running[] = [];
  // Subscriptions, feed state, the digest ledger, the brief cache and the token ledger: the SQLite
  // file, or PostgreSQL with BRIEF_DATABASE_URL. Opened (and migrated) first, closed last.
  const store = await openStore(config.store, { logger });
  logger.info('store ready', { dialect: store.dialect });
  running.push({ name: 'store', stop: () => store.close() });
  // Briefing is CPU work (HTML parsing, ranking): it runs on worker threads so the main thread
  // stays free to acknowledge within Slack's and Discord's 3 seconds (see bench/slack.ts).
  const service = createWorkerBriefService({ config, logger });
  running.unshift({ name: 'brief workers', stop: () => service.close() });
  const digest = createDigestService({ config, service, store, logger });
  const publishers: DigestPublishers = {};
  try {
    if (config.slack) {
      const slack = await startSlack(config.slack, { service, logger, digest });
      publishers.slack = slack.digestPublisher;
      logger.info('slack ready', { mode: slack.mode, port: slack.port });
      running.unshift({ name: 'slack', stop: () => slack.stop() });
    }
    if (config.discord) {
      const discord = await startDiscord(config.discord, { service, logger, digest });
      publishers.discord = discord.digestPublisher;
      logger.info('discord ready');
      running.unshift({ name: 'discord', stop: () => discord.stop() });
    }
  } catch (err) {
    await stopAll(running, logger);
    throw err;
  }
  const scheduler = createDigestScheduler({ digest, publishers, store, logger });
  scheduler.start();
  running.unshift({ name: 'digest scheduler', stop: () => scheduler.stop() });
  return running;
}

async function stopAll(running: Running[], logger: Logger): Promise<void> {
  for (const part of running) {
    try {
      await part.stop();
    } catch (err) {
      logger.error('stop failed', { part: part.name, err });
    }
  }
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`brief: configuration error\n${err.message}\n`);
    return 2;
  }
  if (!config.slack && !config.discord) {
    process.stderr.write(`${NOTHING_CONFIGURED}\n`);
    return 1;
  }
  const logger = createLogger(config.logLevel ?? 'info');
  // A promise nobody handled is a bug to log, not a reason to drop every channel's work.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { err: reason }));

  let running: Running[];
  try {
    running = await startAll(config, logger);
  } catch (err) {
    const message =
      err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`brief: could not start: ${message}\n`);
    return 1;
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('stopping', { signal });
  // A second signal while stopping means "now".
  const force = () => process.exit(1);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await stopAll(running, logger);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `brief: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
