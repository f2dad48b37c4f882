#!/usr/bin/env node
/**
 * The `brief` command. The only part of the CLI that touches the process: it reads the
 * environment once, hands the command on, and turns the result into an exit code.
 *
 * Help, the version and usage mistakes are answered here, before the configuration is read and
 * before anything heavy is loaded: the engines, ingest (linkedom, compromise), the openai client
 * and SQLite are imported by src/cli/commands.ts only for a command that needs them.
 */
import { EXIT, parseCommand, reportUsageError, USAGE } from './cli/args.js';
import type { CliIo } from './cli/io.js';
import { processIo } from './cli/process-io.js';
import { isBriefError } from './errors.js';
import { packageVersion } from './package-root.js';

/** Subcommands parse their own arguments (and have their own --help). */
const SUBCOMMANDS = new Set(['usage', 'digest', 'db', 'extract']);

/** The exit code when argv needs nothing but itself to be answered; undefined otherwise. */
function answerAtOnce(argv: string[], io: CliIo): number | undefined {
  if (SUBCOMMANDS.has(argv[0] ?? '')) return undefined;
  let kind;
  try {
    kind = parseCommand(argv).kind;
  } catch (err) {
    if (isBriefError(err)) return reportUsageError(io, err.userMessage);
    throw err;
  }
  if (kind === 'help') io.out(USAGE);
  else if (kind === 'version') io.out(packageVersion());
  else return undefined;
  return EXIT.ok;
}

async function main(): Promise<number> {
  const io = processIo();
  const argv = process.argv.slice(2);
  const quick = answerAtOnce(argv, io);
  if (quick !== undefined) return quick;
  const { runCommand } = await import('./cli/commands.js');
  return runCommand(argv, { io, env: process.env, stderrIsTTY: process.stderr.isTTY === true });
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
