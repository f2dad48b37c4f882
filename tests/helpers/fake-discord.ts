/**
 * A local fake of Discord for integration tests and the benchmark: the REST API (the routes the
 * bot uses, recording every request) and a gateway WebSocket speaking enough of the protocol for
 * discord.js to log in (hello, heartbeat ack, identify -> READY -> GUILD_CREATE) and receive the
 * INTERACTION_CREATE dispatches a test triggers. Listens on 127.0.0.1 only.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { APIEmbed } from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  chatInputInteraction,
  guildCreatePayload,
  messageCommandInteraction,
  messagePayload,
  newIds,
  readyPayload,
  snowflake,
  threadPayload,
  type FakeIds,
  type InteractionOptions,
  type InteractionPayload,
} from './fake-discord-payloads.js';

/** The fields of request bodies the tests look at (all optional: each route sends some). */
export interface SentMessage {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
}

export interface SentBody extends SentMessage {
  /** Interaction callbacks: the response type and, for type 4, the message. */
  type?: number;
  data?: SentMessage;
  name?: string;
  auto_archive_duration?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /interactions/123/tok/callback. */
  path: string;
  query: URLSearchParams;
  body: SentBody;
  /** The parsed JSON as sent (arrays too, e.g. the commands PUT). */
  json: unknown;
  /** performance.now() when the request arrived (same clock as the article server's). */
  at: number;
  status: number;
  /** The JSON the fake answered with (a created message's id, an error code). */
  response?: unknown;
}

export interface FailureRule {
  method?: string;
  path: RegExp;
  status: number;
  /** Discord's JSON error code (50013, 10062 ...). */
  code: number;
  message: string;
  /** How many matching requests fail; default 1. */
  times?: number;
  headers?: Record<string, string>;
}

interface InteractionState {
  id: string;
  channelId: string;
  acknowledged: boolean;
  originalId: string | null;
}

export interface FakeDiscord {
  ids: FakeIds;
  /** REST base for DISCORD_API_URL (discord.js appends /v10). */
  apiUrl: string;
  requests: RecordedRequest[];
  /** The identify payloads received (intents, token). */
  identifies: Array<{ token: string; intents: number }>;
  /** Resolves when a client has identified and got READY and GUILD_CREATE. */
  loggedIn(): Promise<void>;
  fail(rule: FailureRule): void;
  /** The next identify is answered by closing the gateway with this code (4004: authentication failed). */
  rejectNextIdentify(code: number): void;
  /** Makes the channel unknown (10003) from now on, as if someone deleted it. */
  deleteChannel(id: string): void;
  restoreChannel(id: string): void;
  /** The id of an interaction's @original message once it was edited (threads get the same id). */
  originalMessageId(payload: { token: string }): string | null;
  chatInput(
    name: string,
    options: Record<string, string | number>,
    opts?: InteractionOptions,
  ): InteractionPayload;
  messageCommand(name: string, content: string, opts?: InteractionOptions): InteractionPayload;
  /** Sends INTERACTION_CREATE to every connected client; returns when it was written. */
  dispatchInteraction(payload: InteractionPayload): number;
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Requests made with one interaction's token (callback, webhook edits and follow-ups). */
  requestsFor(payload: { id: string; token: string }): RecordedRequest[];
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const ids = newIds();
  const events = new EventEmitter();
  // One listener per pending waitFor; a benchmark waits for hundreds at once.
  events.setMaxListeners(0);
  const requests: RecordedRequest[] = [];
  const identifies: FakeDiscord['identifies'] = [];
  const rules: FailureRule[] = [];
  const interactions = new Map<string, InteractionState>();
  const channels = new Set<string>([ids.channel]);
  const deleted = new Set<string>();
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let identifyCloseCode: number | null = null;
  let loggedIn!: () => void;
  const loggedInPromise = new Promise<void>((resolve) => (loggedIn = resolve));

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((err: unknown) => {
        res.writeHead(500, JSON_HEADERS).end(JSON.stringify({ message: String(err), code: 0 }));
      });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => onGateway(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function send(ws: WebSocket, payload: unknown) {
    ws.send(JSON.stringify(payload));
  }

  function dispatch(ws: WebSocket, t: string, d: unknown) {
    send(ws, { op: 0, t, s: ++seq, d });
  }

  function onGateway(ws: WebSocket) {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on('message', (data) => {
      const msg = JSON.parse((data as Buffer).toString('utf8')) as { op: number; d: unknown };
      if (msg.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2 && identifyCloseCode !== null) {
        ws.close(identifyCloseCode, 'Authentication failed.');
        identifyCloseCode = null;
        return;
      }
      if (msg.op === 2) {
        identifies.push(msg.d as FakeDiscord['identifies'][number]);
        dispatch(ws, 'READY', readyPayload(ids, gatewayUrl));
        dispatch(ws, 'GUILD_CREATE', guildCreatePayload(ids));
        loggedIn();
      }
    });
  }

  const responses = new WeakMap<ServerResponse, unknown>();

  function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    responses.set(res, body);
    if (body === undefined) res.writeHead(status, headers).end();
    else res.writeHead(status, { ...JSON_HEADERS, ...headers }).end(JSON.stringify(body));
  }

  function discordError(res: ServerResponse, status: number, code: number, message: string) {
    reply(res, status, { code, message });
    return status;
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    const method = req.method ?? 'GET';
    const json: unknown = raw ? JSON.parse(raw) : undefined;
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body: json && typeof json === 'object' && !Array.isArray(json) ? json : {},
      json,
      at: performance.now(),
      status: 0,
    };
    requests.push(record);
    record.status = route(method, path, record.body, json, res);
    record.response = responses.get(res);
    events.emit('request', record);
  }

  function route(method: string, path: string, body: SentBody, json: unknown, res: ServerResponse): number {
    const rule = rules.find((r) => (!r.method || r.method === method) && r.path.test(path));
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) rules.splice(rules.indexOf(rule), 1);
      reply(res, rule.status, { code: rule.code, message: rule.message }, rule.headers);
      return rule.status;
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      reply(res, 200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return 200;
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (!state || state.id !== m[1]) return discordError(res, 404, 10062, 'Unknown interaction');
      if (state.acknowledged)
        return discordError(res, 400, 40060, 'Interaction has already been acknowledged.');
      state.acknowledged = true;
      if (body.type === 4) state.originalId = snowflake();
      reply(res, 204);
      return 204;
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path))) {
      const state = interactions.get(m[2]!);
      if (m[1] !== ids.application || !state?.acknowledged)
        return discordError(res, 404, 10015, 'Unknown Webhook');
      // Discord answers requests about messages in a deleted channel with Unknown Channel.
      if (deleted.has(state.channelId)) return discordError(res, 404, 10003, 'Unknown Channel');
      const target = m[4] === undefined ? undefined : decodeURIComponent(m[4]);
      if (method === 'POST' && !target) {
        const msg = messagePayload(ids, {
          channelId: state.channelId,
          content: body.content,
          embeds: body.embeds,
          flags: body.flags,
        });
        reply(res, 200, msg);
        return 200;
      }
      if (target === '@original') state.originalId ??= snowflake();
      const id = target === '@original' ? state.originalId! : target!;
      if (method === 'DELETE') {
        reply(res, 204);
        return 204;
      }
      reply(
        res,
        200,
        messagePayload(ids, { id, channelId: state.channelId, content: body.content, embeds: body.embeds }),
      );
      return 200;
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      if (!channels.has(m[1]!)) return discordError(res, 404, 10003, 'Unknown Channel');
      if (channels.has(m[2]!))
        return discordError(res, 400, 160004, 'A thread has already been created for this message');
      channels.add(m[2]!);
      reply(res, 201, threadPayload(ids, m[1]!, m[2]!, body.name ?? '', body.auto_archive_duration ?? 4320));
      return 201;
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!channels.has(m[1]!)) return discordError(res, 404, 10003, 'Unknown Channel');
      reply(res, 200, messagePayload(ids, { channelId: m[1]!, content: body.content, embeds: body.embeds }));
      return 200;
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(json) ? (json as object[]) : [];
      reply(
        res,
        200,
        list.map((c) => ({ ...c, id: snowflake(), application_id: ids.application, version: snowflake() })),
      );
      return 200;
    }
    return discordError(res, 404, 0, '404: Not Found');
  }

  const fake: FakeDiscord = {
    ids,
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    identifies,
    loggedIn: () => loggedInPromise,
    fail: (rule) => void rules.push({ ...rule }),
    rejectNextIdentify: (code) => {
      identifyCloseCode = code;
    },
    deleteChannel(id) {
      channels.delete(id);
      deleted.add(id);
    },
    restoreChannel(id) {
      channels.add(id);
      deleted.delete(id);
    },
    originalMessageId: (payload) => interactions.get(payload.token)?.originalId ?? null,
    chatInput: (name, options, opts) => chatInputInteraction(ids, name, options, opts),
    messageCommand: (name, content, opts) => messageCommandInteraction(ids, name, content, opts),
    dispatchInteraction(payload) {
      if (!interactions.has(payload.token)) {
        interactions.set(payload.token, {
          id: payload.id,
          channelId: payload.channel_id,
          acknowledged: false,
          originalId: null,
        });
      }
      for (const ws of sockets) dispatch(ws, 'INTERACTION_CREATE', payload);
      return performance.now();
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', listener);
          reject(new Error('fake Discord: the expected request did not arrive'));
        }, timeoutMs);
        const listener = (r: RecordedRequest) => {
          if (!predicate(r)) return;
          clearTimeout(timer);
          events.off('request', listener);
          resolve(r);
        };
        events.on('request', listener);
      });
    },
    requestsFor: (payload) => requests.filter((r) => r.path.includes(`/${payload.token}`)),
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
