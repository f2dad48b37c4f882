import type { Selectable } from 'kysely';
import type { SlackInstallationsTable } from '../schema.js';
import type { SlackInstallationRecord, SlackInstallationStore } from '../store.js';
import type { StoreContext } from './context.js';

type Row = Selectable<SlackInstallationsTable>;

const toRecord = (r: Row): SlackInstallationRecord => ({
  installKey: r.install_key,
  enterpriseId: r.enterprise_id,
  teamId: r.team_id,
  isEnterpriseInstall: r.is_enterprise_install === 1,
  appId: r.app_id,
  teamName: r.team_name,
  enterpriseName: r.enterprise_name,
  enterpriseUrl: r.enterprise_url,
  botTokenSealed: r.bot_token_sealed,
  botRefreshSealed: r.bot_refresh_sealed,
  botExpiresAt: r.bot_expires_at === null ? null : Number(r.bot_expires_at),
  botUserId: r.bot_user_id,
  botId: r.bot_id,
  botScopes: r.bot_scopes.split(',').filter((s) => s.length > 0),
  installerUserId: r.installer_user_id,
  installedAt: Number(r.installed_at),
  updatedAt: Number(r.updated_at),
});

/**
 * Slack OAuth installs and the one-time OAuth states (adapters/slack/installations uses them).
 * Rows hold sealed tokens only: sealing and opening happen in the adapter, with the key.
 */
export function slackInstallations({ db }: StoreContext): SlackInstallationStore {
  return {
    async putSlackInstallation(rec) {
      const values = {
        enterprise_id: rec.enterpriseId,
        team_id: rec.teamId,
        is_enterprise_install: rec.isEnterpriseInstall ? 1 : 0,
        app_id: rec.appId,
        team_name: rec.teamName,
        enterprise_name: rec.enterpriseName,
        enterprise_url: rec.enterpriseUrl,
        bot_token_sealed: rec.botTokenSealed,
        bot_refresh_sealed: rec.botRefreshSealed,
        bot_expires_at: rec.botExpiresAt,
        bot_user_id: rec.botUserId,
        bot_id: rec.botId,
        bot_scopes: rec.botScopes.join(','),
        installer_user_id: rec.installerUserId,
        updated_at: rec.updatedAt,
      };
      await db
        .insertInto('slack_installations')
        .values({ install_key: rec.installKey, installed_at: rec.installedAt, ...values })
        .onConflict((oc) => oc.column('install_key').doUpdateSet(values))
        .execute();
    },

    async getSlackInstallation(installKey) {
      const row = await db
        .selectFrom('slack_installations')
        .selectAll()
        .where('install_key', '=', installKey)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    deleteSlackInstallation: (installKey) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('slack_installations')
          .where('install_key', '=', installKey)
          .returning(['enterprise_id', 'is_enterprise_install'])
          .executeTakeFirst();
        if (row?.is_enterprise_install === 1 && row.enterprise_id) {
          await trx.deleteFrom('slack_org_teams').where('enterprise_id', '=', row.enterprise_id).execute();
        }
        return row !== undefined;
      }),

    async rememberSlackOrgTeam(teamId, enterpriseId, at) {
      await db
        .insertInto('slack_org_teams')
        .values({ team_id: teamId, enterprise_id: enterpriseId, seen_at: at })
        .onConflict((oc) => oc.column('team_id').doUpdateSet({ enterprise_id: enterpriseId, seen_at: at }))
        .execute();
    },

    async slackOrgOfTeam(teamId) {
      const row = await db
        .selectFrom('slack_org_teams')
        .select('enterprise_id')
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row?.enterprise_id ?? null;
    },

    async slackOrgTeams(enterpriseId) {
      const rows = await db
        .selectFrom('slack_org_teams')
        .select('team_id')
        .where('enterprise_id', '=', enterpriseId)
        .orderBy('team_id')
        .execute();
      return rows.map((r) => r.team_id);
    },

    async putOAuthState(state, optionsJson, createdAt, expiresAt) {
      await db
        .insertInto('slack_oauth_states')
        .values({ state, options_json: optionsJson, created_at: createdAt, expires_at: expiresAt })
        .execute();
    },

    async takeOAuthState(state, now) {
      // One DELETE ... RETURNING: of two redirects with the same state (a replay), one gets it.
      const row = await db
        .deleteFrom('slack_oauth_states')
        .where('state', '=', state)
        .returning(['options_json', 'expires_at'])
        .executeTakeFirst();
      if (!row || Number(row.expires_at) <= now) return null;
      return row.options_json;
    },

    async pruneOAuthStates(now) {
      const result = await db
        .deleteFrom('slack_oauth_states')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
