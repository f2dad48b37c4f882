import type { App } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import type { Store } from '../../../src/store/store.js';
import type { SlackClients } from '../clients.js';
import type { SlackInstallations } from '../installations/installation-store.js';

/**
 * A workspace leaves: `app_uninstalled`, or `tokens_revoked` naming the bot's token. Its tokens
 * are deleted (many workspaces), and what it left behind goes as docs/slack.md's retention says:
 * subscriptions, the digest ledger (pending deliveries stop), seen items, its settings, its usage
 * rows and brief counts at once; feed state and cached briefs are shared by URL and expire on
 * their own. Nothing is posted: the workspace is gone. Reinstalling starts clean. Bolt passes
 * both events without authorization (there is no token left to authorize with).
 */
export interface UninstallDeps {
  store: Pick<Store, 'forgetWorkspace' | 'slackOrgTeams'>;
  /** Many workspaces: the installations and the per-team clients. Null with one bot token. */
  installations: SlackInstallations | null;
  clients: SlackClients;
  logger: Logger;
}

interface Leaving {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

export function forgetInstall(deps: UninstallDeps) {
  return async (who: Leaving, why: string): Promise<void> => {
    const orgWide = who.isEnterpriseInstall === true && Boolean(who.enterpriseId);
    // An org-wide install covers every workspace of the org that has used it.
    const teams = orgWide
      ? await deps.store.slackOrgTeams(who.enterpriseId!)
      : who.teamId
        ? [who.teamId]
        : [];
    await deps.installations?.deleteInstallation({
      teamId: orgWide ? undefined : who.teamId,
      enterpriseId: who.enterpriseId,
      isEnterpriseInstall: orgWide,
    });
    for (const teamId of teams) {
      deps.clients.forget(teamId);
      const removed = await deps.store.forgetWorkspace({ platform: 'slack', workspaceId: teamId });
      deps.logger.info('slack workspace left; its data is removed', { why, team: teamId, removed });
    }
    if (teams.length === 0) deps.logger.info('slack install removed', { why, enterprise: who.enterpriseId });
  };
}

export function register(app: App, deps: UninstallDeps): void {
  const forget = forgetInstall(deps);
  app.event('app_uninstalled', async ({ context }) => {
    await forget(context, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    // User tokens (we ask for none) change nothing; the bot's token is the install.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(context, 'tokens_revoked');
  });
}
