import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Slack Web API (https://slack.com/api/<method>) on 127.0.0.1. It answers
 * the methods the adapter uses, records every call with its decoded arguments, and can be told to
 * fail a method with a Slack error code (e.g. chat.postMessage -> not_in_channel).
 *
 * Many workspaces: each workspace has its own bot token (addWorkspace, or an OAuth install:
 * GET /oauth/v2/authorize approves the install set with approveNextInstall and redirects back with a
 * code that oauth.v2.access exchanges once). Every call is recorded with the team its token
 * belongs to; a token of a workspace that uninstalled (apps.uninstall) is refused as token_revoked;
 * rateLimit() answers one team's calls with HTTP 429 and Retry-After.
 */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Whether the request carried a valid token (the token itself is not kept). */
  authorized: boolean;
  /** The workspace whose bot token made the call; null for none (oauth.v2.access) or an unknown one. */
  teamId: string | null;
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

export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** Set for a workspace of an Enterprise Grid org; with orgWide, the install covers the org. */
  enterpriseId?: string;
  orgWide?: boolean;
  /** Who clicked "Allow". */
  installerUserId: string;
  /** False once the app was uninstalled: its token is refused. */
  installed: boolean;
  /** Token rotation: tokens expire after this many seconds and are renewed with a refresh token. */
  rotationSeconds?: number;
  refreshToken?: string;
}

interface RateLimit {
  teamId: string;
  method: string;
  retryAfterSec: number;
  times: number;
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
  /** users.info says these users are workspace admins. */
  admins: Set<string>;
  /** users.conversations: the channels each user is a member of. */
  memberships: Record<string, string[]>;
  /** Workspaces by bot token (the default one for `token` included). */
  workspaces: Map<string, FakeWorkspace>;
  /** Registers a workspace that has installed the app, with its own bot token. */
  addWorkspace(spec: Partial<FakeWorkspace> & { teamId: string }): FakeWorkspace;
  /** The workspace the next GET /oauth/v2/authorize installs (as if its admin clicked Allow). */
  approveNextInstall(spec: Partial<FakeWorkspace> & { teamId: string }): FakeWorkspace;
  /** Where /oauth/v2/authorize sends the browser back when the URL names no redirect_uri. */
  oauthRedirectUri: string | null;
  /** Answers the next `times` calls of `method` by `teamId`'s token with HTTP 429 and Retry-After. */
  rateLimit(teamId: string, method: string, retryAfterSec: number, times?: number): void;
  /** The calls `teamId`'s token made to `method`. */
  callsBy(teamId: string, method: string): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: {
  token: string;
  appToken?: string;
  /** The app's OAuth credentials, for oauth.v2.access. */
  oauth?: { clientId: string; clientSecret: string };
}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure[]>();
  const limits: RateLimit[] = [];
  const waiters = new Set<() => void>();
  const workspaces = new Map<string, FakeWorkspace>();
  /** OAuth codes not yet exchanged: each works once. */
  const codes = new Map<string, FakeWorkspace>();
  let nextInstall: FakeWorkspace | null = null;
  let ts = 0;
  let serial = 0;

  const workspaceOf = (spec: Partial<FakeWorkspace> & { teamId: string }): FakeWorkspace => ({
    teamName: `Team ${spec.teamId}`,
    botToken: `xoxb-${spec.teamId.toLowerCase()}-${++serial}`,
    botUserId: `UBOT${spec.teamId}`,
    botId: `BBOT${spec.teamId}`,
    installerUserId: 'UADMIN',
    installed: true,
    ...spec,
  });
  workspaces.set(options.token, {
    teamId: FAKE_TEAM_ID,
    teamName: 'Test',
    botToken: options.token,
    botUserId: FAKE_BOT_USER_ID,
    botId: FAKE_BOT_ID,
    installerUserId: 'UADMIN',
    installed: true,
  });

  /** A rotating token renewed: the old access token stops working at once (stricter than Slack). */
  const refresh = (args: Record<string, unknown>): Record<string, unknown> => {
    const ws = [...workspaces.values()].find(
      (w) => w.refreshToken && w.refreshToken === args['refresh_token'],
    );
    if (!ws) return { ok: false, error: 'invalid_refresh_token' };
    workspaces.delete(ws.botToken);
    ws.botToken = `xoxe.xoxb-${ws.teamId.toLowerCase()}-${++serial}`;
    ws.refreshToken = `xoxe-1-${ws.teamId.toLowerCase()}-${++serial}`;
    workspaces.set(ws.botToken, ws);
    return {
      ok: true,
      token_type: 'bot',
      access_token: ws.botToken,
      refresh_token: ws.refreshToken,
      expires_in: 12 * 3600,
      team: { id: ws.teamId, name: ws.teamName },
    };
  };

  const exchange = (args: Record<string, unknown>): Record<string, unknown> => {
    if (!options.oauth || args['client_id'] !== options.oauth.clientId)
      return { ok: false, error: 'invalid_client_id' };
    if (args['client_secret'] !== options.oauth.clientSecret)
      return { ok: false, error: 'bad_client_secret' };
    if (args['grant_type'] === 'refresh_token') return refresh(args);
    const ws = codes.get(String(args['code']));
    if (!ws) return { ok: false, error: 'invalid_code' };
    codes.delete(String(args['code']));
    ws.installed = true;
    if (ws.rotationSeconds !== undefined) ws.refreshToken = `xoxe-1-${ws.teamId.toLowerCase()}-${++serial}`;
    workspaces.set(ws.botToken, ws);
    const org = ws.enterpriseId ? { id: ws.enterpriseId, name: `Org ${ws.enterpriseId}` } : null;
    return {
      ok: true,
      app_id: 'A0APP',
      authed_user: { id: ws.installerUserId },
      scope: 'commands,chat:write,app_mentions:read,users:read,channels:read,groups:read',
      token_type: 'bot',
      access_token: ws.botToken,
      bot_user_id: ws.botUserId,
      team: ws.orgWide ? null : { id: ws.teamId, name: ws.teamName },
      enterprise: org,
      is_enterprise_install: ws.orgWide === true,
      ...(ws.refreshToken ? { refresh_token: ws.refreshToken, expires_in: ws.rotationSeconds } : {}),
    };
  };

  const answer = (
    method: string,
    args: Record<string, unknown>,
    ws: FakeWorkspace | null,
  ): Record<string, unknown> => {
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
          url: `https://${(ws?.teamName ?? 'test').toLowerCase().replace(/\W+/g, '')}.slack.invalid/`,
          team: ws?.teamName ?? 'Test',
          user: 'brief',
          team_id: ws?.orgWide ? undefined : (ws?.teamId ?? FAKE_TEAM_ID),
          ...(ws?.enterpriseId ? { enterprise_id: ws.enterpriseId } : {}),
          user_id: ws?.botUserId ?? FAKE_BOT_USER_ID,
          bot_id: ws?.botId ?? FAKE_BOT_ID,
        };
      case 'apps.uninstall':
        if (ws) ws.installed = false;
        return { ok: true };
      case 'views.publish':
        return { ok: true, view: { id: `V${++ts}`, ...(args['view'] as object) } };
      case 'views.open':
        return { ok: true, view: { id: `V${++ts}` } };
      case 'users.conversations': {
        const mine = api.memberships[String(args['user'])] ?? [];
        return { ok: true, channels: mine.map((id) => ({ id })), response_metadata: { next_cursor: '' } };
      }
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
        const user = String(args['user']);
        const tz = api.userTimezones[user];
        return { ok: true, user: { id: user, is_admin: api.admins.has(user), ...(tz ? { tz } : {}) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  /** Slack's authorize page, as if the admin of the approved workspace clicked "Allow". */
  const authorizePage = (url: URL, res: ServerResponse) => {
    const state = url.searchParams.get('state');
    const redirect = url.searchParams.get('redirect_uri') ?? api.oauthRedirectUri;
    if (
      !options.oauth ||
      url.searchParams.get('client_id') !== options.oauth.clientId ||
      !redirect ||
      !nextInstall
    ) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_client_id or nothing approved');
      return;
    }
    const code = `code-${++serial}-${Math.random().toString(16).slice(2)}`;
    codes.set(code, nextInstall);
    nextInstall = null;
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  };

  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname.endsWith('/oauth/v2/authorize')) return authorizePage(url, res);
    void readBody(req).then(async (raw) => {
      const method = url.pathname.replace(/^.*\/api\//, '').replace(/^\//, '');
      const args = decodeArgs(raw, req.headers['content-type'] ?? '');
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const given = bearer || (typeof args['token'] === 'string' ? args['token'] : '');
      delete args['token'];
      const ws = workspaces.get(given) ?? null;
      let authorized: boolean;
      let body: Record<string, unknown>;
      if (method === 'oauth.v2.access') {
        body = exchange(args);
        authorized = body['ok'] === true;
        // The secret and the code are not kept.
        delete args['client_secret'];
        delete args['code'];
        delete args['refresh_token'];
      } else {
        // apps.connections.open is the one method called with the app-level token.
        authorized =
          method === 'apps.connections.open'
            ? options.appToken !== undefined && given === options.appToken
            : ws !== null && ws.installed;
        body = authorized
          ? answer(method, args, ws)
          : { ok: false, error: ws ? 'token_revoked' : 'invalid_auth' };
      }
      const limit = ws
        ? limits.find((l) => l.times > 0 && l.teamId === ws.teamId && l.method === method)
        : undefined;
      if (limit) {
        limit.times--;
        body = { ok: false, error: 'ratelimited' };
      }
      calls.push({ method, args, authorized, teamId: ws?.teamId ?? null, at, response: body });
      for (const wake of [...waiters]) wake();
      if (api.delayMs > 0) await new Promise((r) => setTimeout(r, api.delayMs));
      if (limit) {
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(limit.retryAfterSec),
        });
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
      }
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
    admins: new Set(),
    memberships: {},
    workspaces,
    oauthRedirectUri: null,
    addWorkspace(spec) {
      const ws = workspaceOf(spec);
      workspaces.set(ws.botToken, ws);
      return ws;
    },
    approveNextInstall(spec) {
      // Reinstalling a workspace that left gets a new token, as Slack hands out.
      nextInstall = workspaceOf(spec);
      return nextInstall;
    },
    rateLimit(teamId, method, retryAfterSec, times = 1) {
      limits.push({ teamId, method, retryAfterSec, times });
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    callsBy: (teamId, method) => calls.filter((c) => c.teamId === teamId && c.method === method),
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
      limits.length = 0;
      api.delayMs = 0;
      api.userTimezones = {};
      api.admins = new Set();
      api.memberships = {};
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
