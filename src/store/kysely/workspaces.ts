import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { BriefDatabase, WorkspaceSettingsTable } from '../schema.js';
import {
  briefLengths,
  type BriefLength,
  type ForgetCounts,
  type WorkspaceRef,
  type WorkspaceSettings,
  type WorkspaceStore,
} from '../store.js';
import type { StoreContext } from './context.js';
import { toSubscription } from './subscriptions.js';

const ENGINES = ['auto', 'extractive', 'llm'] as const;

/** Values written by another release (or by hand) that this one does not know read as "unset". */
const toSettings = (r: Selectable<WorkspaceSettingsTable>): WorkspaceSettings => ({
  engine: (ENGINES as readonly string[]).includes(r.engine ?? '')
    ? (r.engine as WorkspaceSettings['engine'])
    : null,
  language: r.language,
  length: (briefLengths as readonly string[]).includes(r.length ?? '') ? (r.length as BriefLength) : null,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/**
 * The callers a workspace's usage is recorded under (src/jobs/types.ts callerOf, src/digest
 * compose.ts callerOf): `<platform>:<id>/<channel>` for commands and `digest:<platform>:<id>/...`
 * for digests. Ids are letters and digits; LIKE's wildcards are escaped anyway.
 */
const callerPatterns = (ws: WorkspaceRef) => {
  const id = ws.workspaceId.replace(/[\\%_]/g, (c) => `\\${c}`);
  return [`${ws.platform}:${id}/%`, `digest:${ws.platform}:${id}/%`];
};

/** `caller LIKE <direct> OR caller LIKE <digest>`, for the workspace's rows. */
const callerOfWorkspace = (ws: WorkspaceRef) => {
  const [direct, digest] = callerPatterns(ws);
  return (eb: ExpressionBuilder<BriefDatabase, 'usage_ledger' | 'brief_counts'>) =>
    eb.or([
      eb(sql`caller`, 'like', sql`${direct} ESCAPE '\\'`),
      eb(sql`caller`, 'like', sql`${digest} ESCAPE '\\'`),
    ]);
};

const deleted = (r: { numDeletedRows: bigint } | undefined) => Number(r?.numDeletedRows ?? 0);

export function workspaces({ db }: StoreContext): WorkspaceStore {
  return {
    async getWorkspaceSettings(ws) {
      const row = await db
        .selectFrom('workspace_settings')
        .selectAll()
        .where('platform', '=', ws.platform)
        .where('workspace_id', '=', ws.workspaceId)
        .executeTakeFirst();
      return row ? toSettings(row) : null;
    },

    async putWorkspaceSettings(ws, settings) {
      const values = {
        engine: settings.engine,
        language: settings.language,
        length: settings.length,
        updated_by: settings.updatedBy,
        updated_at: settings.updatedAt,
      };
      await db
        .insertInto('workspace_settings')
        .values({ platform: ws.platform, workspace_id: ws.workspaceId, ...values })
        .onConflict((oc) => oc.columns(['platform', 'workspace_id']).doUpdateSet(values))
        .execute();
    },

    async workspaceSubscriptions(ws) {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('platform', '=', ws.platform)
        .where('workspace_id', '=', ws.workspaceId)
        .orderBy('channel_id')
        .orderBy('id')
        .execute();
      return rows.map(toSubscription);
    },

    async workspaceUsage(ws, sinceDay) {
      const match = callerOfWorkspace(ws);
      const [llm, briefs] = await Promise.all([
        db
          .selectFrom('usage_ledger')
          .where(match)
          .where('day', '>=', sinceDay)
          .select([
            sql<number>`COALESCE(SUM(CASE WHEN kind = 'call' THEN 1 ELSE 0 END), 0)`.as('calls'),
            sql<number>`COALESCE(SUM(prompt_tokens), 0)`.as('prompt'),
            sql<number>`COALESCE(SUM(completion_tokens), 0)`.as('completion'),
          ])
          .executeTakeFirst(),
        db
          .selectFrom('brief_counts')
          .where(match)
          .where('day', '>=', sinceDay)
          .select(sql<number>`COALESCE(SUM(briefs), 0)`.as('briefs'))
          .executeTakeFirst(),
      ]);
      return {
        briefs: Number(briefs?.briefs ?? 0),
        llmCalls: Number(llm?.calls ?? 0),
        promptTokens: Number(llm?.prompt ?? 0),
        completionTokens: Number(llm?.completion ?? 0),
      };
    },

    forgetWorkspace: (ws) =>
      db.transaction().execute(async (trx): Promise<ForgetCounts> => {
        const own = (table: 'seen_items' | 'digest_ledger' | 'subscriptions' | 'workspace_settings') =>
          trx
            .deleteFrom(table)
            .where('platform', '=', ws.platform)
            .where('workspace_id', '=', ws.workspaceId)
            .executeTakeFirst();
        // Seen items first: they point at ledger rows.
        const seenItems = deleted(await own('seen_items'));
        const digests = deleted(await own('digest_ledger'));
        const subscriptions = deleted(await own('subscriptions'));
        const settings = deleted(await own('workspace_settings'));
        const match = callerOfWorkspace(ws);
        const usage = deleted(await trx.deleteFrom('usage_ledger').where(match).executeTakeFirst());
        const briefCounts = deleted(await trx.deleteFrom('brief_counts').where(match).executeTakeFirst());
        return { subscriptions, digests, seenItems, settings, usage, briefCounts };
      }),
  };
}
