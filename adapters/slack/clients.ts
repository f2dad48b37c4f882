import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { isWorkspaceGone } from '../../src/errors.js';
import type { SlackClient, SlackClientFor } from './deps.js';

/**
 * The bot's Web API client per workspace, for everything that posts (deliverers, digests, App
 * Home): the listeners in this process and a worker in another one use the same seam.
 *
 * - One workspace (SLACK_BOT_TOKEN): always the one client.
 * - Many workspaces (OAuth): the team's own client, built from its installation (the bot token
 *   decrypted from the database) and cached. Every team has its own WebClient, so its request
 *   queue and its 429 pauses are its own: one workspace waiting out a Retry-After never holds
 *   another's calls. A team without an installation (it uninstalled) is a WorkspaceGoneError.
 */
export interface SlackClients {
  /** The bot's client for the team; rejects with WorkspaceGoneError when it has no installation. */
  clientFor: SlackClientFor;
  /** Drops what is cached for the team (it uninstalled; its tokens were revoked). */
  forget: (teamId: string) => void;
  /** Epoch ms until which Slack asked the team's calls to wait (a 429's Retry-After); 0 when not. */
  limitedUntil: (teamId: string) => number;
}

/** The Web API client's default retries ~10 times over ~30 minutes; a brief is stale long before. */
export const WEB_API_TIMEOUT_MS = 10_000;
export const WEB_API_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: true };

/** The options every bot client gets: the API base, a timeout, few retries, our logger. */
export function slackClientOptions(options: {
  apiUrl: string;
  logger: BoltLogger;
  fetch?: typeof fetch;
}): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl,
    timeout: WEB_API_TIMEOUT_MS,
    retryConfig: WEB_API_RETRIES,
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** Remembers, per key, until when Slack asked us to wait (the client's rate_limited event). */
function rateLimits(now: () => number) {
  const until = new Map<string, number>();
  return {
    watch(client: SlackClient, key: string) {
      client.on(webApi.WebClientEvent.RATE_LIMITED, (retrySec: number) => {
        until.set(key, Math.max(until.get(key) ?? 0, now() + retrySec * 1000));
      });
    },
    until(key: string) {
      const at = until.get(key) ?? 0;
      if (at <= now()) until.delete(key);
      return at > now() ? at : 0;
    },
    forget: (key: string) => until.delete(key),
  };
}

export function singleWorkspaceClients(client: SlackClient, now: () => number = Date.now): SlackClients {
  const limits = rateLimits(now);
  limits.watch(client, 'one');
  return {
    clientFor: () => client,
    forget: () => undefined,
    limitedUntil: () => limits.until('one'),
  };
}

/** What a team's installation gives a client: its bot token (and when it expires, with rotation). */
export interface TeamAuthorization {
  botToken: string;
  /** Epoch ms; unset when the token does not expire. */
  expiresAt?: number;
}

export interface PerTeamClientsOptions {
  /** The team's bot token from its installation; rejects with WorkspaceGoneError when there is none. */
  authorize: (teamId: string) => Promise<TeamAuthorization>;
  clientOptions: webApi.WebClientOptions;
  now?: () => number;
  /**
   * How long a cached client is used before the installation is read again: another process may
   * have handled the uninstall. A minute: at worst a minute of posts that Slack refuses anyway.
   */
  recheckMs?: number;
}

/** Renew a rotating token this long before it expires (Bolt's own authorize refreshes within 2 h). */
const EXPIRY_MARGIN_MS = 2 * 3_600_000;

export function perTeamClients(options: PerTeamClientsOptions): SlackClients {
  const now = options.now ?? Date.now;
  const recheckMs = options.recheckMs ?? 60_000;
  const limits = rateLimits(now);
  const cache = new Map<
    string,
    { client: SlackClient; token: string; checkedAt: number; expiresAt?: number }
  >();
  const pending = new Map<string, Promise<SlackClient>>();

  const fresh = (teamId: string) => {
    const hit = cache.get(teamId);
    if (!hit) return null;
    const at = now();
    if (at - hit.checkedAt >= recheckMs) return null;
    if (hit.expiresAt !== undefined && hit.expiresAt - at < EXPIRY_MARGIN_MS) return null;
    return hit.client;
  };

  const load = async (teamId: string): Promise<SlackClient> => {
    let auth: TeamAuthorization;
    try {
      auth = await options.authorize(teamId);
    } catch (err) {
      if (isWorkspaceGone(err)) cache.delete(teamId);
      throw err;
    }
    const hit = cache.get(teamId);
    // The same token (the usual case): keep the client, and with it its queue and rate-limit state.
    const client =
      hit && hit.token === auth.botToken
        ? hit.client
        : new webApi.WebClient(auth.botToken, { ...options.clientOptions, teamId });
    if (client !== hit?.client) limits.watch(client, teamId);
    cache.set(teamId, {
      client,
      token: auth.botToken,
      checkedAt: now(),
      ...(auth.expiresAt !== undefined ? { expiresAt: auth.expiresAt } : {}),
    });
    return client;
  };

  return {
    clientFor(teamId) {
      const hit = fresh(teamId);
      if (hit) return hit;
      // Concurrent jobs of one team share one lookup.
      let loading = pending.get(teamId);
      if (!loading) {
        loading = load(teamId).finally(() => pending.delete(teamId));
        pending.set(teamId, loading);
      }
      return loading;
    },
    forget(teamId) {
      cache.delete(teamId);
      limits.forget(teamId);
    },
    limitedUntil: (teamId) => limits.until(teamId),
  };
}
