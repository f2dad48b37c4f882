/**
 * Structured logs on pino: one JSON object per line on stderr (stdout stays the CLI's output), or
 * pino-pretty's lines for a person at a terminal. Real secrets are redacted by key (log-redact.ts); errors
 * are written with their name, message, stack, code and cause chain.
 *
 * The Logger interface (message first, fields second) is what the rest of the code calls; pino's
 * own order (fields first) stays in this file.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { serializeError } from './log-errors.js';
import { redactSecrets } from './log-redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
/** `json`: one object per line (production). `pretty`: pino-pretty, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export { serializeError } from './log-errors.js';

/**
 * LOG_FORMAT when set; otherwise pretty only when stderr is a terminal, so that a container, a
 * pipe or a log collector always gets JSON without anyone having to ask for it.
 */
export function resolveLogFormat(configured: LogFormat | undefined, stderrIsTTY: boolean): LogFormat {
  return configured ?? (stderrIsTTY ? 'pretty' : 'json');
}

/** Top-level Error values under any key ({ err }, { replyErr }) become plain, safe objects. */
function prepare(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return fields;
  let out: LogFields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      out ??= { ...fields };
      out[key] = serializeError(value);
    }
  }
  return out ?? fields;
}

function wrap(p: PinoLogger): Logger {
  return {
    debug: (msg, fields) => p.debug(prepare(fields) ?? {}, msg),
    info: (msg, fields) => p.info(prepare(fields) ?? {}, msg),
    warn: (msg, fields) => p.warn(prepare(fields) ?? {}, msg),
    error: (msg, fields) => p.error(prepare(fields) ?? {}, msg),
    // pino applies formatters.bindings to the root only: a child's bindings are redacted here.
    child: (fields) => wrap(p.child(redactSecrets(prepare(fields) ?? {}))),
  };
}

function build(level: LogLevel, destination: DestinationStream, base: LogFields): Logger {
  const p = pino(
    {
      level,
      // No pid/hostname: one process per container, and the orchestrator labels its logs.
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => redactSecrets(record),
      },
      // Replaces pino's default err serializer, which copies every enumerable property (an SDK
      // error's request config can hold an Authorization header).
      serializers: { err: (v: unknown) => (v instanceof Error ? serializeError(v) : v) },
    },
    destination,
  );
  const root = wrap(p);
  return Object.keys(base).length > 0 ? root.child(base) : root;
}

/**
 * A JSON logger. Without a sink it writes synchronously to stderr (fd 2): no transport threads,
 * and a line is out before a crash or process.exit, in worker threads as in the main thread.
 * Tests pass a sink that receives each line without its newline.
 */
export function createLogger(
  level: LogLevel = 'info',
  sink?: (line: string) => void,
  base: LogFields = {},
): Logger {
  const destination: DestinationStream = sink
    ? { write: (chunk: string) => sink(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ dest: 2, sync: true });
  return build(level, destination, base);
}

/** The logger of a process (npm start, the CLI, a brief worker thread): stderr, in the given format. */
export function createStderrLogger(
  level: LogLevel,
  format: LogFormat = 'json',
  base: LogFields = {},
): Logger {
  if (format === 'json') return createLogger(level, undefined, base);
  // Loaded at the first line written, not before: a quiet CLI run at a terminal never pays for it.
  // Synchronous, like the JSON path.
  let pretty: DestinationStream | null = null;
  const load = (): DestinationStream => {
    const require = createRequire(import.meta.url);
    const prettyStream = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
    return prettyStream({
      destination: 2,
      sync: true,
      colorize: process.stderr.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
    });
  };
  return build(level, { write: (chunk: string) => (pretty ??= load()).write(chunk) }, base);
}

export const silentLogger: Logger = createLogger('silent');
