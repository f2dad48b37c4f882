import type { Subscription } from '../../../src/digest/types.js';
import type { Logger } from '../../../src/logger.js';
import type {
  DigestStatusSummary,
  Store,
  WorkspaceRef,
  WorkspaceSettings,
  WorkspaceUsage,
} from '../../../src/store/store.js';
import type { SlackClient } from '../deps.js';
import { slackErrorCode } from '../slack-errors.js';

/** What the Home tab shows one person: gathered from the store and the Web API, then rendered. */
export interface HomeData {
  /** The viewer's channels that have a daily digest, at most MAX_CHANNELS of them. */
  channels: Array<{ channelId: string; subscriptions: Subscription[]; status: DigestStatusSummary }>;
  /** Digest channels of the viewer beyond those shown. */
  moreChannels: number;
  /** False when Slack would not say which channels the viewer is in (a missing scope). */
  channelsKnown: boolean;
  usage: WorkspaceUsage;
  settings: WorkspaceSettings | null;
  /** Workspace admins and owners may change the defaults. */
  isAdmin: boolean;
}

/** A Home tab holds at most 100 blocks; each channel takes two. */
export const MAX_CHANNELS = 15;
/** users.conversations pages of 200: enough for people in up to 1,000 channels. */
const CONVERSATION_PAGES = 5;

export type HomeStore = Pick<
  Store,
  'workspaceSubscriptions' | 'digestStatus' | 'workspaceUsage' | 'getWorkspaceSettings'
>;

/** First day of the month, UTC, as the usage ledger counts days. */
export function monthStart(at: number): string {
  const d = new Date(at);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

/** Whether the user is a workspace admin or owner (users.info, scope users:read). */
export async function isWorkspaceAdmin(client: SlackClient, user: string, logger: Logger): Promise<boolean> {
  try {
    const info = await client.users.info({ user });
    const u = info.user;
    return Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
  } catch (err) {
    logger.warn('could not tell whether the user is an admin; treating them as not', {
      code: slackErrorCode(err),
    });
    return false;
  }
}

/** The channels `user` is a member of, among `candidates`; null when Slack will not say. */
async function viewerChannels(
  client: SlackClient,
  user: string,
  candidates: ReadonlySet<string>,
  logger: Logger,
): Promise<Set<string> | null> {
  const found = new Set<string>();
  let cursor: string | undefined;
  try {
    for (let page = 0; page < CONVERSATION_PAGES; page++) {
      const res = await client.users.conversations({
        user,
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of res.channels ?? []) if (c.id && candidates.has(c.id)) found.add(c.id);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor || found.size === candidates.size) break;
    }
  } catch (err) {
    logger.warn('users.conversations failed; the Home tab cannot list the viewer’s channels', {
      code: slackErrorCode(err),
    });
    return null;
  }
  return found;
}

export async function gatherHome(
  deps: { store: HomeStore; client: SlackClient; logger: Logger; now: () => number },
  ws: WorkspaceRef,
  user: string,
): Promise<HomeData> {
  const { store, client, logger } = deps;
  const [subscriptions, usage, settings, isAdmin] = await Promise.all([
    store.workspaceSubscriptions(ws),
    store.workspaceUsage(ws, monthStart(deps.now())),
    store.getWorkspaceSettings(ws),
    isWorkspaceAdmin(client, user, logger),
  ]);
  const byChannel = new Map<string, Subscription[]>();
  for (const s of subscriptions) {
    const list = byChannel.get(s.channel.channelId) ?? [];
    list.push(s);
    byChannel.set(s.channel.channelId, list);
  }
  // Only the viewer's own channels: the Home tab never tells anyone about channels they are not in.
  const mine =
    byChannel.size > 0
      ? await viewerChannels(client, user, new Set(byChannel.keys()), logger)
      : new Set<string>();
  const ids = [...(mine ?? [])].sort();
  const shown = ids.slice(0, MAX_CHANNELS);
  const channels = await Promise.all(
    shown.map(async (channelId) => ({
      channelId,
      subscriptions: byChannel.get(channelId)!,
      status: await store.digestStatus({ ...ws, channelId }),
    })),
  );
  return {
    channels,
    moreChannels: ids.length - shown.length,
    channelsKnown: mine !== null,
    usage,
    settings,
    isAdmin,
  };
}
