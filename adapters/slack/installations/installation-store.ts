import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { WorkspaceGoneError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import type { SecretBox } from '../../../src/secret-box.js';
import {
  slackInstallKey,
  type SlackInstallationRecord,
  type SlackInstallationStore,
} from '../../../src/store/store.js';

/**
 * Bolt's InstallationStore (storeInstallation / fetchInstallation / deleteInstallation) over our
 * database: one row per workspace, or per organisation for an org-wide install (Enterprise Grid),
 * looked up by enterprise id. Bot and refresh tokens are sealed with AES-256-GCM before they are
 * written and opened only here; the context each is sealed under names its row and column, so a
 * ciphertext moved elsewhere does not open. No user token is ever kept (Brief asks for no user
 * scopes). A workspace without an installation is a WorkspaceGoneError: Bolt turns it into an
 * authorization failure (no listener runs), workers into a job that ends quietly.
 */
export interface SlackInstallations extends Required<InstallationStore> {
  /** The key a query's installation is stored under (and the org's, when the team has none of its own). */
  installKeyFor(query: {
    teamId?: string;
    enterpriseId?: string;
    isEnterpriseInstall?: boolean;
  }): Promise<string | null>;
}

export interface SlackInstallationsDeps {
  store: SlackInstallationStore;
  box: SecretBox;
  now: () => number;
  logger: Logger;
}

const tokenContext = (installKey: string) => `slack_installations.bot_token:${installKey}`;
const refreshContext = (installKey: string) => `slack_installations.bot_refresh:${installKey}`;

export function createSlackInstallations({
  store,
  box,
  now,
  logger,
}: SlackInstallationsDeps): SlackInstallations {
  const orgTeamsSeen = new Set<string>();
  const installKeyFor: SlackInstallations['installKeyFor'] = async (q) => {
    if (q.isEnterpriseInstall && q.enterpriseId)
      return slackInstallKey({ enterpriseId: q.enterpriseId }, true);
    if (q.teamId && (await store.getSlackInstallation(slackInstallKey({ teamId: q.teamId }, false))))
      return slackInstallKey({ teamId: q.teamId }, false);
    // A workspace of an org-wide install: the event says which org, a worker's lookup the mapping.
    const org = q.enterpriseId ?? (q.teamId ? await store.slackOrgOfTeam(q.teamId) : null);
    return org ? slackInstallKey({ enterpriseId: org }, true) : null;
  };

  const toInstallation = (rec: SlackInstallationRecord): Installation => {
    const token = box.open(rec.botTokenSealed, tokenContext(rec.installKey));
    const refreshToken = rec.botRefreshSealed
      ? box.open(rec.botRefreshSealed, refreshContext(rec.installKey))
      : undefined;
    return {
      team:
        rec.isEnterpriseInstall || !rec.teamId
          ? undefined
          : { id: rec.teamId, ...(rec.teamName ? { name: rec.teamName } : {}) },
      enterprise: rec.enterpriseId
        ? { id: rec.enterpriseId, ...(rec.enterpriseName ? { name: rec.enterpriseName } : {}) }
        : undefined,
      user: { id: rec.installerUserId, token: undefined, scopes: undefined },
      bot: {
        token,
        scopes: rec.botScopes,
        id: rec.botId,
        userId: rec.botUserId,
        ...(refreshToken ? { refreshToken } : {}),
        // Bolt counts token expiry in seconds.
        ...(rec.botExpiresAt !== null ? { expiresAt: Math.floor(rec.botExpiresAt / 1000) } : {}),
      },
      ...(rec.appId ? { appId: rec.appId } : {}),
      ...(rec.enterpriseUrl ? { enterpriseUrl: rec.enterpriseUrl } : {}),
      tokenType: 'bot',
      isEnterpriseInstall: rec.isEnterpriseInstall,
      authVersion: 'v2',
    };
  };

  const storeInstallation: SlackInstallations['storeInstallation'] = async (installation) => {
    const { bot } = installation;
    if (!bot?.token)
      throw new Error('the Slack installation has no bot token (the app must ask for bot scopes)');
    const orgWide = installation.isEnterpriseInstall === true;
    const enterpriseId = installation.enterprise?.id ?? null;
    const teamId = installation.team?.id ?? null;
    if (orgWide ? !enterpriseId : !teamId) throw new Error('the Slack installation names no workspace');
    const installKey = slackInstallKey({ enterpriseId, teamId }, orgWide);
    const at = now();
    await store.putSlackInstallation({
      installKey,
      enterpriseId,
      teamId: orgWide ? null : teamId,
      isEnterpriseInstall: orgWide,
      appId: installation.appId ?? null,
      teamName: installation.team?.name ?? null,
      enterpriseName: installation.enterprise?.name ?? null,
      enterpriseUrl: installation.enterpriseUrl ?? null,
      botTokenSealed: box.seal(bot.token, tokenContext(installKey)),
      botRefreshSealed: bot.refreshToken ? box.seal(bot.refreshToken, refreshContext(installKey)) : null,
      botExpiresAt: bot.expiresAt !== undefined ? bot.expiresAt * 1000 : null,
      botUserId: bot.userId,
      botId: bot.id,
      botScopes: bot.scopes,
      installerUserId: installation.user.id,
      installedAt: at,
      updatedAt: at,
    });
    logger.info('slack installation stored', { installKey, orgWide, rotation: Boolean(bot.refreshToken) });
  };

  return {
    installKeyFor,
    storeInstallation,

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const installKey = await installKeyFor(query);
      const rec = installKey ? await store.getSlackInstallation(installKey) : null;
      if (!rec) throw new WorkspaceGoneError('slack', query.teamId ?? query.enterpriseId ?? '?');
      // A workspace seen in a request of an org-wide install: later lookups by team id alone
      // (digests, workers) find the org's token. Written once per team and process.
      if (rec.isEnterpriseInstall && rec.enterpriseId && query.teamId) {
        const pair = `${query.teamId}:${rec.enterpriseId}`;
        if (!orgTeamsSeen.has(pair)) {
          await store.rememberSlackOrgTeam(query.teamId, rec.enterpriseId, now());
          orgTeamsSeen.add(pair);
        }
      }
      const installation = toInstallation(rec);
      // Sealed under a previous key: seal it again under the current one (key rotation).
      if (box.isStale(rec.botTokenSealed) || (rec.botRefreshSealed && box.isStale(rec.botRefreshSealed))) {
        await store.putSlackInstallation({
          ...rec,
          botTokenSealed: box.seal(installation.bot!.token, tokenContext(rec.installKey)),
          botRefreshSealed: installation.bot?.refreshToken
            ? box.seal(installation.bot.refreshToken, refreshContext(rec.installKey))
            : null,
          updatedAt: now(),
        });
      }
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      // Exactly the install the query names: one workspace leaving never removes its org's install.
      const orgWide = query.isEnterpriseInstall === true;
      if (orgWide ? !query.enterpriseId : !query.teamId) return;
      const installKey = slackInstallKey(query, orgWide);
      if (await store.deleteSlackInstallation(installKey))
        logger.info('slack installation deleted', { installKey });
    },
  };
}
