import type { App } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';
import type { Store } from '../../../src/store/store.js';
import type { ServerBriefDefaults } from '../../../src/workspace-settings.js';
import type { SlackClient } from '../deps.js';
import { slackErrorCode } from '../slack-errors.js';
import { gatherHome, isWorkspaceAdmin, type HomeStore } from './data.js';
import { DEFAULTS_VIEW, readDefaults, renderDefaultsModal } from './modal.js';
import { EDIT_DEFAULTS_ACTION, renderHome } from './render.js';

/**
 * App Home: `app_home_opened` (Home tab) -> views.publish with the viewer's digest channels, the
 * workspace's usage this month and its defaults; "Edit defaults" (admins and owners only, checked
 * again on submit) -> views.open with the modal; its submission saves and republishes.
 */
export interface HomeDeps {
  store: HomeStore & Pick<Store, 'putWorkspaceSettings'>;
  server: ServerBriefDefaults;
  logger: Logger;
  now: () => number;
}

export function register(app: App, deps: HomeDeps): void {
  const { logger } = deps;

  const publish = async (client: SlackClient, teamId: string, user: string) => {
    const data = await gatherHome(
      { store: deps.store, client, logger, now: deps.now },
      { platform: 'slack', workspaceId: teamId },
      user,
    );
    await client.views.publish({ user_id: user, view: renderHome(data, deps.server) });
  };

  app.event('app_home_opened', async ({ event, context, client }) => {
    // The Messages tab fires the same event; only the Home tab is ours to draw.
    if (event.tab !== 'home' || !context.teamId) return;
    try {
      await publish(client, context.teamId, event.user);
    } catch (err) {
      logger.error('could not publish the Home tab', {
        err,
        code: slackErrorCode(err),
        team: context.teamId,
      });
    }
  });

  app.action(EDIT_DEFAULTS_ACTION, async ({ ack, body, context, client }) => {
    await ack();
    const user = body.user.id;
    const teamId = context.teamId;
    if (!teamId || !('trigger_id' in body)) return;
    if (!(await isWorkspaceAdmin(client, user, logger))) {
      logger.info('edit defaults refused: not an admin', { team: teamId });
      return;
    }
    const settings = await deps.store.getWorkspaceSettings({ platform: 'slack', workspaceId: teamId });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderDefaultsModal(settings, deps.server, teamId),
    });
  });

  app.view(DEFAULTS_VIEW, async ({ ack, body, view, context, client }) => {
    const user = body.user.id;
    const teamId = context.teamId;
    const chosen = readDefaults(view.state.values, deps.server);
    // The modal says which workspace it was opened for; a submission for another is not ours.
    if (!teamId || view.private_metadata !== teamId || !chosen) {
      await ack({
        response_action: 'errors',
        errors: { engine: 'These settings cannot be saved. Open them again.' },
      });
      return;
    }
    // An admin when the modal opened may not be one now: checked again before anything is saved.
    if (!(await isWorkspaceAdmin(client, user, logger))) {
      await ack({
        response_action: 'errors',
        errors: { engine: 'Only workspace admins and owners can change the defaults.' },
      });
      return;
    }
    await ack();
    await deps.store.putWorkspaceSettings(
      { platform: 'slack', workspaceId: teamId },
      { ...chosen, updatedBy: user, updatedAt: deps.now() },
    );
    logger.info('workspace defaults saved', { team: teamId, ...chosen });
    try {
      await publish(client, teamId, user);
    } catch (err) {
      logger.warn('could not refresh the Home tab after saving', { code: slackErrorCode(err) });
    }
  });
}
