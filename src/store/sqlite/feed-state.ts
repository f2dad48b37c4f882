import type { Database } from 'better-sqlite3';
import type { FeedItem } from '../../digest/feed-item.js';
import type { FeedState, FeedStateStore } from '../store.js';

interface Row {
  feed_url: string;
  etag: string | null;
  last_modified: string | null;
  title: string | null;
  items_json: string;
  fetched_at: number;
}

export function sqliteFeedState(db: Database): FeedStateStore {
  const get = db.prepare<[string], Row>('SELECT * FROM feed_state WHERE feed_url = ?');
  const put = db.prepare(
    `INSERT INTO feed_state (feed_url, etag, last_modified, title, items_json, fetched_at)
     VALUES (@feedUrl, @etag, @lastModified, @title, @itemsJson, @fetchedAt)
     ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       title = excluded.title, items_json = excluded.items_json, fetched_at = excluded.fetched_at`,
  );
  return {
    getFeedState(feedUrl) {
      const row = get.get(feedUrl);
      if (!row) return null;
      let items: FeedItem[];
      try {
        items = JSON.parse(row.items_json) as FeedItem[];
      } catch {
        // A damaged row is only a cache: fetch the feed again without validators.
        return null;
      }
      return {
        feedUrl: row.feed_url,
        etag: row.etag,
        lastModified: row.last_modified,
        title: row.title,
        items,
        fetchedAt: row.fetched_at,
      };
    },
    putFeedState(state: FeedState) {
      put.run({
        feedUrl: state.feedUrl,
        etag: state.etag,
        lastModified: state.lastModified,
        title: state.title,
        itemsJson: JSON.stringify(state.items),
        fetchedAt: state.fetchedAt,
      });
    },
  };
}
