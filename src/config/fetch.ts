import { z } from 'zod';

/** One `host[:port]` entry of BRIEF_FETCH_ALLOW_HOSTS; port undefined = any port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

/** BRIEF_FETCH_ALLOW_HOSTS: comma-separated `host[:port]`, IPv6 in brackets, a trailing dot dropped. */
export const allowHosts = z
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

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
