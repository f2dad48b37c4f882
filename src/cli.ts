#!/usr/bin/env node
/**
 * The `brief` command. The only part of the CLI that touches the process: it reads the
 * environment once, wires the service, and turns the result into an exit code.
 */
import { readFileSync } from 'node:fs';
import { runCli } from './cli/run.js';
import { processIo } from './cli/process-io.js';
import { ConfigError, loadConfig } from './config.js';
import { createEngines } from './engines/create-engines.js';
import { createLogger } from './logger.js';
import { createBriefService } from './service.js';

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
  // Logs go to stderr and stay quiet unless asked: stdout is the brief.
  const logger = createLogger(config.logLevel ?? 'warn');
  const service = createBriefService({ config, engines: createEngines(config, logger), logger });
  return runCli(process.argv.slice(2), { io, service, version, maxInputBytes: config.fetch.maxBytes });
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
