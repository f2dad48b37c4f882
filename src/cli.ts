#!/usr/bin/env node
/**
 * The `brief` command. The only part of the CLI that touches the process: it reads the
 * environment once, wires the service, and turns the result into an exit code.
 */
import { readFileSync } from 'node:fs';
import { runDigestCommand } from './cli/digest-preview.js';
import { runCli } from './cli/run.js';
import { processIo } from './cli/process-io.js';
import { ConfigError, loadConfig } from './config.js';
import { createEngines } from './engines/create-engines.js';
import { createStderrLogger, resolveLogFormat } from './logger.js';
import { createDigestService } from './digest/service.js';
import { createBriefService } from './service.js';
import { openSqliteStore } from './store/sqlite-store.js';
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
  if (argv[0] === 'usage') {
    return runUsageCommand(argv.slice(1), {
      ...io,
      storePath: config.store.path,
      openStore: openSqliteStore,
    });
  }
  // Logs go to stderr and stay quiet unless asked: stdout is the brief.
  const logger = createStderrLogger(
    config.logLevel ?? 'warn',
    resolveLogFormat(config.runtime.logFormat, process.stderr.isTTY === true),
  );
  // The store (brief cache, token ledger) matters only with the LLM: extractive briefs cost nothing.
  const store = config.llm ? openSqliteStore(config.store.path) : undefined;
  try {
    const service = createBriefService({ config, engines: createEngines(config, logger), logger, store });
    if (argv[0] === 'digest') {
      // A preview stores nothing: an in-memory store satisfies the digest service.
      const scratch = openSqliteStore(':memory:');
      try {
        const digest = createDigestService({ config, service, store: scratch, logger });
        return await runDigestCommand(argv.slice(1), { io, digest });
      } finally {
        scratch.close();
      }
    }
    return await runCli(argv, { io, service, version, maxInputBytes: config.fetch.maxBytes });
  } finally {
    store?.close();
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
