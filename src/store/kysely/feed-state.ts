import type { FeedItem } from '../../digest/feed-item.js';
import type { FeedState, FeedStateStore } from '../store.js';
import type { StoreContext } from './context.js';

export function feedState({ db }: StoreContext): FeedStateStore {
  return {
    async getFeedState(feedUrl) {
      const row = await db
        .selectFrom('feed_state')
        .selectAll()
        .where('feed_url', '=', feedUrl)
        .executeTakeFirst();
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
    async putFeedState(state: FeedState) {
      await db
        .insertInto('feed_state')
        .values({
          feed_url: state.feedUrl,
          etag: state.etag,
          last_modified: state.lastModified,
          title: state.title,
          items_json: JSON.stringify(state.items),
          fetched_at: state.fetchedAt,
        })
        .onConflict((oc) =>
          oc.column('feed_url').doUpdateSet((eb) => ({
            etag: eb.ref('excluded.etag'),
            last_modified: eb.ref('excluded.last_modified'),
            title: eb.ref('excluded.title'),
            items_json: eb.ref('excluded.items_json'),
            fetched_at: eb.ref('excluded.fetched_at'),
          })),
        )
        .execute();
    },
  };
}
