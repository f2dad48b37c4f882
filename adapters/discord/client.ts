import { Client, Events, GatewayIntentBits, RESTEvents, type MessageMentionOptions } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { REST_TIMEOUT_MS } from './limits.js';

/**
 * On the client and on every send (REST bodies too): an article must never ping anyone
 * (docs/architecture.md, "Platform rules").
 */
export const NO_MENTIONS: MessageMentionOptions & { parse: [] } = { parse: [] };

/**
 * The discord.js client. Intents: Guilds only (slash commands and context menus arrive as
 * interactions, which need no intent; Guilds gives the channel cache threads are started from).
 * No mentions by default, on top of the explicit `allowedMentions` on every send.
 */
export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: { api: config.apiUrl, timeout: REST_TIMEOUT_MS },
  });
}

/**
 * Logs what the client reports. discord.js queues requests on 429 and waits (rateLimited tells
 * us); it does not retry 401/403, and neither do we: a revoked token ends in shardDisconnect.
 */
export function watchClient(client: Client, log: Logger): void {
  client.on(Events.Error, (err) => log.error('discord client error', { err }));
  client.on(Events.ShardError, (err, shardId) => log.error('discord shard error', { err, shardId }));
  client.on(Events.Warn, (message) => log.warn('discord warning', { message }));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error('discord shard disconnected and will not reconnect', { code: event.code, shardId }),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info('discord shard reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info('discord shard resumed', { shardId, replayed }),
  );
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn('discord rate limit: request queued', {
      route: info.route,
      method: info.method,
      global: info.global,
      limit: info.limit,
      retryAfterMs: info.retryAfter,
      scope: info.scope,
    }),
  );
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) =>
    log.warn('discord invalid requests (401/403/429) are adding up', { ...info }),
  );
}
