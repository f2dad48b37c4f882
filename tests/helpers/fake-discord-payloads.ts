/**
 * Payloads the fake Discord sends and returns, shaped like Discord's API v10 objects with just the
 * fields discord.js reads. Ids are real snowflakes made from the current time, because discord.js
 * derives `createdTimestamp` (and so the interaction token's age) from them.
 */
import { randomBytes } from 'node:crypto';
import { SnowflakeUtil } from 'discord.js';

export function snowflake(): string {
  return SnowflakeUtil.generate().toString();
}

export interface FakeIds {
  application: string;
  botUser: string;
  guild: string;
  channel: string;
  user: string;
}

export function newIds(): FakeIds {
  return {
    application: snowflake(),
    botUser: snowflake(),
    guild: snowflake(),
    channel: snowflake(),
    user: snowflake(),
  };
}

/** Every permission bit set: the bot is allowed everything unless a test says otherwise. */
export const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

export function botUser(ids: FakeIds) {
  return {
    id: ids.botUser,
    username: 'Brief',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
}

function humanUser(ids: FakeIds) {
  return { id: ids.user, username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
}

export function readyPayload(ids: FakeIds, gatewayUrl: string) {
  return {
    v: 10,
    user: botUser(ids),
    guilds: [{ id: ids.guild, unavailable: true }],
    session_id: randomBytes(16).toString('hex'),
    resume_gateway_url: gatewayUrl,
    shard: [0, 1],
    application: { id: ids.application, flags: 0 },
  };
}

export function textChannel(ids: FakeIds) {
  return {
    id: ids.channel,
    type: 0,
    guild_id: ids.guild,
    name: 'news',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function guildCreatePayload(ids: FakeIds) {
  return {
    id: ids.guild,
    name: 'Newsroom',
    icon: null,
    owner_id: ids.user,
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [
      {
        id: ids.guild,
        name: '@everyone',
        permissions: ALL_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [textChannel(ids)],
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

export interface InteractionOptions {
  /** A direct message with the bot instead of the guild's text channel. */
  dm?: boolean;
  /** The bot's permissions in the channel (app_permissions); all by default. */
  appPermissions?: string;
  /** The invoking member's permissions in the channel (member.permissions); all by default. */
  memberPermissions?: string;
  /** Sends the options inside this subcommand (`/digest add feed:...`). */
  subcommand?: string;
  /** An autocomplete interaction (type 4) while the user types this option. */
  focused?: string;
}

function interactionBase(ids: FakeIds, opts: InteractionOptions) {
  const base = {
    id: snowflake(),
    application_id: ids.application,
    type: 2,
    token: `fake-interaction-token-${randomBytes(12).toString('hex')}`,
    version: 1,
    app_permissions: opts.appPermissions ?? ALL_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 8 * 1024 * 1024,
  };
  if (opts.dm) {
    const dmChannel = snowflake();
    return {
      ...base,
      channel_id: dmChannel,
      channel: { id: dmChannel, type: 1, flags: 0 },
      user: humanUser(ids),
      authorizing_integration_owners: { '1': ids.user },
      context: 1,
    };
  }
  return {
    ...base,
    guild_id: ids.guild,
    guild_locale: 'en-US',
    channel_id: ids.channel,
    channel: textChannel(ids),
    member: {
      user: humanUser(ids),
      roles: [],
      permissions: opts.memberPermissions ?? ALL_PERMISSIONS,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    authorizing_integration_owners: { '0': ids.guild },
    context: 0,
  };
}

export type InteractionPayload = ReturnType<typeof interactionBase> & { data: unknown };

/**
 * `/name option:value ...` as Discord dispatches it: strings as string options (type 3), numbers
 * as integer options (type 4), inside a subcommand (type 1) when `opts.subcommand` is set.
 */
export function chatInputInteraction(
  ids: FakeIds,
  name: string,
  options: Record<string, string | number>,
  opts: InteractionOptions = {},
): InteractionPayload {
  const values = Object.entries(options).map(([key, value]) => ({
    name: key,
    type: typeof value === 'number' ? 4 : 3,
    value,
    ...(key === opts.focused ? { focused: true } : {}),
  }));
  return {
    ...interactionBase(ids, opts),
    ...(opts.focused ? { type: 4 } : {}),
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: opts.subcommand ? [{ name: opts.subcommand, type: 1, options: values }] : values,
    },
  };
}

/** A message context-menu command on a message with `content`. */
export function messageCommandInteraction(
  ids: FakeIds,
  name: string,
  content: string,
  opts: InteractionOptions = {},
): InteractionPayload {
  const base = interactionBase(ids, opts);
  const target = messagePayload(ids, { channelId: base.channel_id, content, author: humanUser(ids) });
  return {
    ...base,
    data: {
      id: snowflake(),
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

export function messagePayload(
  ids: FakeIds,
  fields: {
    id?: string;
    channelId: string;
    content?: string;
    embeds?: unknown[];
    flags?: number;
    author?: unknown;
  },
) {
  return {
    id: fields.id ?? snowflake(),
    channel_id: fields.channelId,
    author: fields.author ?? botUser(ids),
    content: fields.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: fields.embeds ?? [],
    pinned: false,
    type: 0,
    flags: fields.flags ?? 0,
    components: [],
  };
}

export function threadPayload(
  ids: FakeIds,
  parentId: string,
  messageId: string,
  name: string,
  archiveMinutes: number,
) {
  // A thread started from a message has the message's id (Start Thread from Message, API docs).
  return {
    id: messageId,
    type: 11,
    guild_id: ids.guild,
    parent_id: parentId,
    owner_id: ids.botUser,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: archiveMinutes,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}
