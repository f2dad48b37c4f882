#!/usr/bin/env node
/**
 * The `brief` command. The only part of the CLI that touches the process: it reads the
 * environment once, wires the service, and turns the result into an exit code.
 */
import { readFileSync } from 'node:fs';
import { runDigestCommand } from './cli/digest-preview.js';
import { runCli } from './cli/run.js';
import type { CliIo } from './cli/io.js';
import { processIo } from './cli/process-io.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createEngines } from './engines/create-engines.js';
import { createLogger } from './logger.js';
import { createDigestService } from './digest/service.js';
import { createBriefService } from './service.js';
import { StoreError } from './store/errors.js';
import { runUsageCommand } from './usage-report.js';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

async function main(): Promise<number> {
  const io = processIo();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`brief: configuration error\n${err.message}`);
      return 2;
    }
    throw err;
  }
  const argv = process.argv.slice(2);
  try {
    return await run(argv, config, io);
  } catch (err) {
    // The store could not be opened (no server, a newer schema): one line, not a stack.
    if (!(err instanceof StoreError)) throw err;
    io.err(`brief: ${err.message}`);
    return 1;
  }
}

/**
 * The store's modules (Kysely, the database drivers) load only for the commands that use it: an
 * offline brief starts as fast as it did before there was a query layer.
 */
const storeModule = () => import('./store/open-store.js');

async function run(argv: string[], config: Config, io: CliIo): Promise<number> {
  if (argv[0] === 'usage') {
    const { openStore } = await storeModule();
    return runUsageCommand(argv.slice(1), { ...io, store: config.store, openStore });
  }
  if (argv[0] === 'db') {
    const [{ runDbCommand }, { openStore }] = await Promise.all([
      import('./cli/db-command.js'),
      storeModule(),
    ]);
    return runDbCommand(argv.slice(1), { io, store: config.store, openStore });
  }
  // Logs go to stderr and stay quiet unless asked: stdout is the brief.
  const logger = createLogger(config.logLevel ?? 'warn');
  // The store (brief cache, token ledger) matters only with the LLM: extractive briefs cost nothing.
  // One command at a time needs one connection.
  const store = config.llm
    ? await (await storeModule()).openStore(config.store, { poolMax: 1, logger })
    : undefined;
  try {
    const service = createBriefService({ config, engines: createEngines(config, logger), logger, store });
    if (argv[0] === 'digest') {
      // A preview stores nothing: an in-memory store satisfies the digest service.
      const scratch = (await storeModule()).openSqliteStore(':memory:');
      try {
        const digest = createDigestService({ config, service, store: scratch, logger });
        return await runDigestCommand(argv.slice(1), { io, digest });
      } finally {
        await scratch.close();
      }
    }
    return await runCli(argv, { io, service, version, maxInputBytes: config.fetch.maxBytes });
  } finally {
    await store?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `brief: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
