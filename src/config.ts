import { z } from 'zod';

/**
 * The only place that reads the environment. Entry points call loadConfig(process.env) once and
 * pass the result down; everything else receives what it needs as parameters.
 */

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One `host[:port]` entry of BRIEF_FETCH_ALLOW_HOSTS; port undefined = any port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

const allowHosts = z
  .string()
  .default('')
  .transform((raw, ctx): AllowedHost[] => {
    const out: AllowedHost[] = [];
    for (const part of raw.split(',')) {
      const entry = part.trim().toLowerCase();
      if (!entry) continue;
      // "[::1]:8080", "[::1]", "intranet.example:8080", "10.0.0.5"
      const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(entry);
      const port = m?.[3] === undefined ? undefined : Number(m[3]);
      if (!m || (port !== undefined && (port < 1 || port > 65535))) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not host or host:port` });
        continue;
      }
      const host = (m[1] ?? m[2] ?? '').replace(/\.$/, '');
      out.push(port === undefined ? { host } : { host, port });
    }
    return out;
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  BRIEF_FETCH_ALLOW_HOSTS: allowHosts,
  BRIEF_FETCH_TIMEOUT_MS: positiveInt(10_000),
  BRIEF_FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  BRIEF_ENGINE: z.enum(['auto', 'extractive', 'llm']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
});

export interface Config {
  fetch: { allowHosts: AllowedHost[]; timeoutMs: number; maxBytes: number; maxRedirects: number };
  engine: 'auto' | 'extractive' | 'llm';
  /** Unset means each entry point's default: quiet for the CLI, info for the bots. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent' | undefined;
}

/** Parses the environment; throws ConfigError with one line per bad variable, naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset": shells and .env files produce them for blank assignments.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  return {
    fetch: {
      allowHosts: e.BRIEF_FETCH_ALLOW_HOSTS,
      timeoutMs: e.BRIEF_FETCH_TIMEOUT_MS,
      maxBytes: e.BRIEF_FETCH_MAX_BYTES,
      maxRedirects: 5,
    },
    engine: e.BRIEF_ENGINE,
    logLevel: e.LOG_LEVEL,
  };
}
