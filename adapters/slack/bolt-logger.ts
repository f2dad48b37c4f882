import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

/**
 * Bolt, the Web API client and the Socket Mode client log through this, so their lines come out
 * as our JSON lines (with our redaction) instead of their own console format.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const line = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p))).join(' ');
  return {
    debug: (...m: unknown[]) => logger.debug(line(m), { component: name }),
    info: (...m: unknown[]) => logger.info(line(m), { component: name }),
    warn: (...m: unknown[]) => logger.warn(line(m), { component: name }),
    error: (...m: unknown[]) => logger.error(line(m), { component: name }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
