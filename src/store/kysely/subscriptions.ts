import type { Selectable } from 'kysely';
import type { ChannelRef, Subscription } from '../../digest/types.js';
import type { SubscriptionsTable } from '../schema.js';
import type { ChannelSchedule, NewSubscription, SubscriptionStore } from '../store.js';
import { channelColumns, lockChannel, type Queryable, type StoreContext } from './context.js';

type Row = Selectable<SubscriptionsTable>;

export const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  channel: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
  feedUrl: r.feed_url,
  feedTitle: r.feed_title,
  time: r.time,
  timezone: r.timezone,
  maxStories: r.max_stories,
  addedBy: r.added_by,
  createdAt: r.created_at,
});

const scheduleOf = (rows: Row[]): ChannelSchedule | null => {
  const latest = rows[rows.length - 1];
  if (!latest) return null;
  return {
    channel: { platform: latest.platform, workspaceId: latest.workspace_id, channelId: latest.channel_id },
    // All rows share one schedule; the newest row wins should they ever disagree.
    time: latest.time,
    timezone: latest.timezone,
    since: Math.max(...rows.map((r) => r.schedule_since)),
    maxStories: Math.max(...rows.map((r) => r.max_stories)),
  };
};

const listRows = (q: Queryable, c: ChannelRef) =>
  q
    .selectFrom('subscriptions')
    .selectAll()
    .where('platform', '=', c.platform)
    .where('workspace_id', '=', c.workspaceId)
    .where('channel_id', '=', c.channelId)
    .orderBy('id')
    .execute();

export function subscriptions({ db, dialect }: StoreContext): SubscriptionStore {
  return {
    addSubscription: (sub: NewSubscription) =>
      db.transaction().execute(async (trx): Promise<Subscription | null> => {
        // Read, then write: the channel's schedule decides `since`. The lock keeps two adds to
        // one channel (two processes) from both reading the old schedule.
        await lockChannel(trx, dialect, sub.channel);
        const current = scheduleOf(await listRows(trx, sub.channel));
        const changed = !current || current.time !== sub.time || current.timezone !== sub.timezone;
        const since = changed ? sub.createdAt : current.since;
        const row = await trx
          .insertInto('subscriptions')
          .values({
            ...channelColumns(sub.channel),
            feed_url: sub.feedUrl,
            feed_title: sub.feedTitle,
            time: sub.time,
            timezone: sub.timezone,
            schedule_since: since,
            max_stories: sub.maxStories,
            added_by: sub.addedBy,
            created_at: sub.createdAt,
          })
          .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'channel_id', 'feed_url']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        if (changed) {
          await trx
            .updateTable('subscriptions')
            .set({ time: sub.time, timezone: sub.timezone, schedule_since: since })
            .where('platform', '=', sub.channel.platform)
            .where('workspace_id', '=', sub.channel.workspaceId)
            .where('channel_id', '=', sub.channel.channelId)
            .execute();
        }
        return toSubscription(row);
      }),

    listSubscriptions: async (channel) => (await listRows(db, channel)).map(toSubscription),

    removeSubscription: (channel, id) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('subscriptions')
          .where('id', '=', id)
          .where('platform', '=', channel.platform)
          .where('workspace_id', '=', channel.workspaceId)
          .where('channel_id', '=', channel.channelId)
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        // A feed nobody follows any more needs no validators or cached items.
        await trx
          .deleteFrom('feed_state')
          .where('feed_url', '=', row.feed_url)
          .where((eb) =>
            eb.not(
              eb.exists(eb.selectFrom('subscriptions').select('id').where('feed_url', '=', row.feed_url)),
            ),
          )
          .execute();
        return toSubscription(row);
      }),

    async channelSchedules() {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .orderBy('platform')
        .orderBy('workspace_id')
        .orderBy('channel_id')
        .orderBy('id')
        .execute();
      const groups = new Map<string, Row[]>();
      for (const r of rows) {
        const k = JSON.stringify([r.platform, r.workspace_id, r.channel_id]);
        const g = groups.get(k);
        if (g) g.push(r);
        else groups.set(k, [r]);
      }
      return [...groups.values()].map((g) => scheduleOf(g)!);
    },

    channelSchedule: async (channel) => scheduleOf(await listRows(db, channel)),
  };
}
