import { InstallProvider, type InstallationQuery } from '@slack/oauth';
import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { SlackConfig, SlackOAuthConfig } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import { createSecretBox } from '../../../src/secret-box.js';
import type { SlackInstallationStore } from '../../../src/store/store.js';
import { boltLogger } from '../bolt-logger.js';
import { perTeamClients, singleWorkspaceClients, slackClientOptions, type SlackClients } from '../clients.js';
import { createSlackInstallations, type SlackInstallations } from './installation-store.js';
import { installPage } from './pages.js';
import { createOneTimeStateStore } from './state-store.js';

/**
 * Slack for many workspaces: Bolt's OAuth installer (@slack/oauth InstallProvider) over our
 * database. The same installations serve Bolt's `authorize` (every listener gets its workspace's
 * token) and the per-team clients that deliverers, digests and workers post with.
 */

/** The bot scopes an install asks for; slack-manifest.yaml declares the same (a test checks). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'users:read',
  'channels:read',
  'groups:read',
] as const;

export { INSTALL_PATH, REDIRECT_PATH } from './paths.js';

export interface SlackOAuth {
  provider: InstallProvider;
  installations: SlackInstallations;
  clients: SlackClients;
  /** Bolt's `authorize`: the installation of the workspace a request comes from. */
  authorize: (source: InstallationQuery<boolean>) => ReturnType<InstallProvider['authorize']>;
}

export interface SlackOAuthDeps {
  store: SlackInstallationStore;
  logger: Logger;
  clientOptions: webApi.WebClientOptions;
  now?: () => number;
}

export function createSlackOAuth(oauth: SlackOAuthConfig, deps: SlackOAuthDeps): SlackOAuth {
  const now = deps.now ?? Date.now;
  const installations = createSlackInstallations({
    store: deps.store,
    box: createSecretBox(oauth.encryption),
    now,
    logger: deps.logger,
  });
  const { logger: _logger, ...clientOptions } = deps.clientOptions;
  const provider = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateStore: createOneTimeStateStore({ store: deps.store, stateSecret: oauth.stateSecret, now }),
    installationStore: installations,
    installUrlOptions: {
      scopes: [...BOT_SCOPES],
      ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    },
    authorizationUrl: oauth.authorizeUrl,
    renderHtmlForInstallPath: installPage,
    // Its Web API client logs request bodies at debug level, and oauth.v2.access's body carries
    // the client secret and the code, which the client does not redact: no debug lines from it.
    logger: installerLogger(deps.clientOptions.logger ?? boltLogger(deps.logger)),
    // oauth.v2.access (the install, token refreshes) and auth.test go to SLACK_API_URL too.
    clientOptions,
  });
  const clients = perTeamClients({
    authorize: async (teamId) => {
      const auth = await provider.authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      if (!auth.botToken) throw new Error(`the installation of ${teamId} has no bot token`);
      return {
        botToken: auth.botToken,
        ...(auth.botTokenExpiresAt !== undefined ? { expiresAt: auth.botTokenExpiresAt * 1000 } : {}),
      };
    },
    clientOptions: deps.clientOptions,
    now,
  });
  return { provider, installations, clients, authorize: (source) => provider.authorize(source) };
}

/**
 * The installer's own logger: no debug lines (see above), and its errors as info, because it logs
 * every refused install (a replayed state, a cancel) as an error; installRoutes logs the real
 * failures itself, at error.
 */
function installerLogger(logger: BoltLogger): BoltLogger {
  return Object.assign(Object.create(logger) as BoltLogger, {
    debug: () => undefined,
    error: (...m: unknown[]) => logger.info(...m),
  });
}

/**
 * The seam for a process that posts to Slack without receiving requests (a worker): the bot's
 * client for any team, from SLACK_BOT_TOKEN (one workspace) or the installations (many).
 */
export function createSlackClients(
  config: SlackConfig,
  deps: { store: SlackInstallationStore | null; logger: Logger; fetch?: typeof fetch; now?: () => number },
): SlackClients {
  const clientOptions = slackClientOptions({
    apiUrl: config.apiUrl,
    logger: boltLogger(deps.logger),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  if (config.oauth) {
    if (!deps.store) throw new Error('Slack for many workspaces needs the store (installations live there)');
    return createSlackOAuth(config.oauth, {
      store: deps.store,
      logger: deps.logger,
      clientOptions,
      ...(deps.now ? { now: deps.now } : {}),
    }).clients;
  }
  if (!config.botToken) throw new Error('Slack is configured with neither a bot token nor OAuth');
  return singleWorkspaceClients(new webApi.WebClient(config.botToken, clientOptions), deps.now);
}
