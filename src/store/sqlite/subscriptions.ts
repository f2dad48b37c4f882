import type { Database } from 'better-sqlite3';
import type { ChannelRef, Platform, Subscription } from '../../digest/types.js';
import type { ChannelSchedule, NewSubscription, SubscriptionStore } from '../store.js';

interface Row {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  feed_url: string;
  feed_title: string | null;
  time: string;
  timezone: string;
  schedule_since: number;
  max_stories: number;
  added_by: string;
  created_at: number;
}

const toSubscription = (r: Row): Subscription => ({
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

const ch = (c: ChannelRef) => [c.platform, c.workspaceId, c.channelId] as const;
const WHERE_CHANNEL = 'platform = ? AND workspace_id = ? AND channel_id = ?';

export function sqliteSubscriptions(db: Database): SubscriptionStore {
  const list = db.prepare<[string, string, string], Row>(
    `SELECT * FROM subscriptions WHERE ${WHERE_CHANNEL} ORDER BY id`,
  );
  const insert = db.prepare(
    `INSERT INTO subscriptions (platform, workspace_id, channel_id, feed_url, feed_title, time, timezone,
       schedule_since, max_stories, added_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, channel_id, feed_url) DO NOTHING`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM subscriptions WHERE id = ?');
  const reschedule = db.prepare(
    `UPDATE subscriptions SET time = ?, timezone = ?, schedule_since = ? WHERE ${WHERE_CHANNEL}`,
  );
  const remove = db.prepare(`DELETE FROM subscriptions WHERE id = ? AND ${WHERE_CHANNEL}`);
  // A feed nobody follows any more needs no validators or cached items.
  const dropFeedState = db.prepare(
    'DELETE FROM feed_state WHERE feed_url = ? AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE feed_url = ?)',
  );
  const all = db.prepare<[], Row>(
    'SELECT * FROM subscriptions ORDER BY platform, workspace_id, channel_id, id',
  );

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

  const add = db.transaction((sub: NewSubscription): Subscription | null => {
    const existing = list.all(...ch(sub.channel));
    const current = scheduleOf(existing);
    const changed = !current || current.time !== sub.time || current.timezone !== sub.timezone;
    const since = changed ? sub.createdAt : current.since;
    const result = insert.run(
      ...ch(sub.channel),
      sub.feedUrl,
      sub.feedTitle,
      sub.time,
      sub.timezone,
      since,
      sub.maxStories,
      sub.addedBy,
      sub.createdAt,
    );
    if (result.changes === 0) return null;
    if (changed) reschedule.run(sub.time, sub.timezone, since, ...ch(sub.channel));
    return toSubscription(byId.get(Number(result.lastInsertRowid))!);
  });

  return {
    addSubscription: (sub) => add.immediate(sub),
    listSubscriptions: (channel) => list.all(...ch(channel)).map(toSubscription),
    removeSubscription: db.transaction((channel: ChannelRef, id: number) => {
      const row = byId.get(id);
      if (!row || remove.run(id, ...ch(channel)).changes === 0) return null;
      dropFeedState.run(row.feed_url, row.feed_url);
      return toSubscription(row);
    }),
    channelSchedules() {
      const groups = new Map<string, Row[]>();
      for (const r of all.all()) {
        const k = JSON.stringify([r.platform, r.workspace_id, r.channel_id]);
        const g = groups.get(k);
        if (g) g.push(r);
        else groups.set(k, [r]);
      }
      return [...groups.values()].map((rows) => scheduleOf(rows)!);
    },
    channelSchedule: (channel) => scheduleOf(list.all(...ch(channel))),
  };
}
