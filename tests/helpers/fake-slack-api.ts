import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Slack Web API (https://slack.com/api/<method>) on 127.0.0.1. It answers
 * the methods the adapter uses, records every call with its decoded arguments, and can be told to
 * fail a method with a Slack error code (e.g. chat.postMessage -> not_in_channel).
 */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether the request carried the expected bot token (the token itself is not kept). */
  authorized: boolean;
  /** performance.now() when the call arrived (benchmarks measure time-to-posted with it). */
  at: number;
  /** What the fake answered (a posted message's ts, an error). */
  response: Record<string, unknown>;
}

interface Failure {
  error: string;
  times: number;
  when?: (args: Record<string, unknown>) => boolean;
}

export const FAKE_BOT_USER_ID = 'UBOT';
export const FAKE_BOT_ID = 'BBOT';
export const FAKE_TEAM_ID = 'T0TEST';

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL, ending in "/". */
  url: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Fails the next `times` calls of `method` (that match `when`) with `{ ok: false, error }`. */
  failWith(method: string, error: string, options?: { times?: number; when?: Failure['when'] }): void;
  /** Resolves once `count` calls of `method` were recorded (rejects after `timeoutMs`). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  /** Holds every answer for this long (a slow Slack). */
  delayMs: number;
  /** What apps.connections.open hands out (see fake-socket-mode.ts); needs `appToken`. */
  socketModeUrl: string | null;
  /** users.info answers with these IANA zones (user id -> tz); users not listed have none. */
  userTimezones: Record<string, string>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: {
  token: string;
  appToken?: string;
}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const waiters = new Set<() => void>();
  let ts = 0;

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const pending = failures.get(method) ?? [];
    const failure = pending.find((f) => f.times > 0 && (!f.when || f.when(args)));
    if (failure) {
      failure.times--;
      return { ok: false, error: failure.error };
    }
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.invalid/',
          team: 'Test',
          user: 'brief',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
        };
      case 'chat.postMessage': {
        ts++;
        const messageTs = `1700000000.${String(ts).padStart(6, '0')}`;
        return {
          ok: true,
          channel: args['channel'],
          ts: messageTs,
          message: { ts: messageTs, text: args['text'] },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000001.${String(++ts).padStart(6, '0')}` };
      case 'apps.connections.open':
        return api.socketModeUrl
          ? { ok: true, url: api.socketModeUrl }
          : { ok: false, error: 'not_allowed_token_type' };
      case 'conversations.info':
        return { ok: true, channel: { id: args['channel'], is_member: true } };
      case 'conversations.join':
        return { ok: true, channel: { id: args['channel'] } };
      case 'users.info': {
        const tz = api.userTimezones[String(args['user'])];
        return { ok: true, user: { id: args['user'], ...(tz ? { tz } : {}) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    const at = performance.now();
    void readBody(req).then(async (raw) => {
      const method = new URL(req.url ?? '/', 'http://x').pathname
        .replace(/^.*\/api\//, '')
        .replace(/^\//, '');
      const args = decodeArgs(raw, req.headers['content-type'] ?? '');
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      // apps.connections.open is the one method called with the app-level token.
      const expected = method === 'apps.connections.open' ? options.appToken : options.token;
      const authorized = expected !== undefined && (bearer === expected || args['token'] === expected);
      delete args['token'];
      const body = authorized ? answer(method, args) : { ok: false, error: 'invalid_auth' };
      calls.push({ method, args, authorized, at, response: body });
      for (const wake of [...waiters]) wake();
      if (api.delayMs > 0) await new Promise((r) => setTimeout(r, api.delayMs));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const api: FakeSlackApi = {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    delayMs: 0,
    socketModeUrl: null,
    userTimezones: {},
    callsTo: (method) => calls.filter((c) => c.method === method),
    failWith(method, error, opts = {}) {
      const list = failures.get(method) ?? [];
      list.push({ error, times: opts.times ?? 1, when: opts.when });
      failures.set(method, list);
    },
    waitForCalls(method, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = calls.filter((c) => c.method === method);
          if (matching.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${count} ${method} call(s); got ${api.callsTo(method).length}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    reset() {
      calls.length = 0;
      failures.clear();
      api.delayMs = 0;
      api.userTimezones = {};
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** @slack/web-api sends form-encoded bodies with objects (blocks) as JSON strings. */
function decodeArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value)
      ? tryJson(value)
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
