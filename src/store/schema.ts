import type { Generated } from 'kysely';
import type { Platform } from '../digest/types.js';

/**
 * The tables as the query layer sees them (Kysely's types; the DDL is in migrations.ts). Both
 * dialects store the same values: times are Unix milliseconds (INTEGER on SQLite, BIGINT on
 * PostgreSQL, read back as numbers), JSON is TEXT, flags are 0/1 integers.
 */
export interface BriefCacheTable {
  key: string;
  url: string | null;
  content_hash: string;
  fingerprint: string;
  brief_json: string;
  fallback: number;
  created_at: number;
  expires_at: number;
}

export interface UsageLedgerTable {
  id: Generated<number>;
  at: number;
  day: string;
  caller: string;
  model: string;
  kind: 'call' | 'cache_hit';
  prompt_tokens: number;
  completion_tokens: number;
}

export interface SubscriptionsTable {
  id: Generated<number>;
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

export interface FeedStateTable {
  feed_url: string;
  etag: string | null;
  last_modified: string | null;
  title: string | null;
  items_json: string;
  fetched_at: number;
}

export interface DigestLedgerTable {
  id: Generated<number>;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  local_date: string;
  kind: 'scheduled' | 'now';
  status: 'composed' | 'parent_posted' | 'done' | 'empty' | 'failed';
  digest_json: string;
  parent_ref: string | null;
  stories_posted: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: Generated<number>;
  created_at: number;
  updated_at: number;
  /** Who is delivering the entry now (schema 3); null = nobody. */
  lease_owner: string | null;
  /** Until when that owner holds it (Unix ms); an expired lease can be claimed by anyone. */
  lease_until: Generated<number>;
  /** Why the last delivery attempt failed (schema 4): a platform error code; null when none did. */
  last_error: string | null;
}

export interface SeenItemsTable {
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  item_key: string;
  seen_at: number;
  digest_id: number | null;
}

/** A Slack OAuth install (schema 4); token columns are sealed (src/secret-box.ts). */
export interface SlackInstallationsTable {
  /** 'E:<enterprise id>' for an org-wide install, 'T:<team id>' otherwise. */
  install_key: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: number;
  app_id: string | null;
  team_name: string | null;
  enterprise_name: string | null;
  enterprise_url: string | null;
  bot_token_sealed: string;
  bot_refresh_sealed: string | null;
  /** Unix ms when the bot token expires (token rotation); null when it does not. */
  bot_expires_at: number | null;
  bot_user_id: string;
  bot_id: string;
  /** Comma-separated, as Slack sends them. */
  bot_scopes: string;
  installer_user_id: string;
  installed_at: number;
  updated_at: number;
}

export interface SlackOrgTeamsTable {
  team_id: string;
  enterprise_id: string;
  seen_at: number;
}

export interface SlackOAuthStatesTable {
  state: string;
  options_json: string;
  created_at: number;
  expires_at: number;
}

export interface WorkspaceSettingsTable {
  platform: Platform;
  workspace_id: string;
  engine: string | null;
  language: string | null;
  length: string | null;
  updated_by: string | null;
  updated_at: number;
}

export interface BriefCountsTable {
  day: string;
  caller: string;
  briefs: number;
}

export interface BriefDatabase {
  brief_cache: BriefCacheTable;
  usage_ledger: UsageLedgerTable;
  subscriptions: SubscriptionsTable;
  feed_state: FeedStateTable;
  digest_ledger: DigestLedgerTable;
  seen_items: SeenItemsTable;
  slack_installations: SlackInstallationsTable;
  slack_org_teams: SlackOrgTeamsTable;
  slack_oauth_states: SlackOAuthStatesTable;
  workspace_settings: WorkspaceSettingsTable;
  brief_counts: BriefCountsTable;
}

/** Every table, parents before children: the order to copy them in (and the reverse to empty them). */
export const TABLES = [
  'brief_cache',
  'usage_ledger',
  'subscriptions',
  'feed_state',
  'digest_ledger',
  'seen_items',
  'slack_installations',
  'slack_org_teams',
  'slack_oauth_states',
  'workspace_settings',
  'brief_counts',
] as const satisfies ReadonlyArray<keyof BriefDatabase>;
