import { z } from 'zod';
import type { EncryptionConfig } from './encryption.js';

// Slack runs in one of two modes:
//  - one workspace: SLACK_BOT_TOKEN, the token of the app installed in the operator's workspace;
//  - many workspaces: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth v2, "Add
//    to Slack"), with each workspace's bot token stored in the database, encrypted under
//    BRIEF_ENCRYPTION_KEY. Setting both is a mistake, not a preference.
// Either way HTTP mode needs the signing secret (Bolt verifies every request with it); Socket Mode
// (SLACK_APP_TOKEN) does not.

/** OAuth v2 for many workspaces (docs/slack.md, "Slack for many workspaces"). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state`; the state itself is also kept server-side and usable once. */
  stateSecret: string;
  /** Where Slack sends the installer back; null = the app's first configured redirect URL. */
  redirectUri: string | null;
  /** Slack's authorize page, next to the Web API base (`<api>/../oauth/v2/authorize`). */
  authorizeUrl: string;
  /** Encrypts the bot tokens at rest (BRIEF_ENCRYPTION_KEY). */
  encryption: EncryptionConfig;
}

export interface SlackConfig {
  /** One workspace: the bot token. Null with `oauth` (many workspaces). */
  botToken: string | null;
  /** Many workspaces: OAuth installs. Null with `botToken`. Exactly one of the two is set. */
  oauth: SlackOAuthConfig | null;
  /** Required in HTTP mode; null in Socket Mode when not given. */
  signingSecret: string | null;
  /** Set => Socket Mode instead of HTTP. */
  appToken: string | null;
  /** Web API base, always ending in "/" (GovSlack, proxies and tests change it). */
  apiUrl: string;
}

export const slackEnv = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with "xoxb-" (OAuth & Permissions page)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(
      /^xapp-[A-Za-z0-9-]+$/,
      'must be an app-level token starting with "xapp-" (Basic Information page)',
    )
    .optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  SLACK_CLIENT_ID: z
    .string()
    .regex(
      /^[0-9]+\.[0-9]+$/,
      'must be the Client ID from Basic Information > App Credentials (digits.digits)',
    )
    .optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters; any long random string (openssl rand -hex 32)')
    .optional(),
  SLACK_REDIRECT_URI: z
    .url({ protocol: /^https?$/, message: 'must be the https URL of /slack/oauth_redirect on your host' })
    .optional(),
});
export type SlackEnv = z.infer<typeof slackEnv>;

const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Cross-variable rules; pushes one line per problem, naming the variable. */
export function slackConfigOf(
  e: SlackEnv,
  encryption: EncryptionConfig | null,
  problems: string[],
): SlackConfig | null {
  const oauthSet = OAUTH_VARS.filter((v) => e[v] !== undefined);
  if (e.SLACK_BOT_TOKEN && oauthSet.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN (one workspace) or ${OAUTH_VARS.join(', ')} (many workspaces, "Add to Slack"), not both; unset ${oauthSet.join(', ')} or SLACK_BOT_TOKEN`,
    );
    return null;
  }
  if (!e.SLACK_BOT_TOKEN && oauthSet.length === 0) {
    if (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
      problems.push(
        'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (xoxb-...), or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many workspaces',
      );
    }
    return null;
  }
  let oauth: SlackOAuthConfig | null = null;
  if (oauthSet.length > 0) {
    const missing = OAUTH_VARS.filter((v) => e[v] === undefined);
    for (const v of missing)
      problems.push(`${v}: required with ${oauthSet.join(' and ')} (many workspaces; docs/slack.md)`);
    if (!encryption) {
      problems.push(
        'BRIEF_ENCRYPTION_KEY: required for many workspaces (the bot tokens are stored encrypted); create one with: openssl rand -base64 32',
      );
    }
    if (missing.length > 0 || !encryption) return null;
    oauth = {
      clientId: e.SLACK_CLIENT_ID!,
      clientSecret: e.SLACK_CLIENT_SECRET!,
      stateSecret: e.SLACK_STATE_SECRET!,
      redirectUri: e.SLACK_REDIRECT_URI ?? null,
      authorizeUrl: new URL('../oauth/v2/authorize', e.SLACK_API_URL).toString(),
      encryption,
    };
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      `SLACK_SIGNING_SECRET: required when ${oauth ? 'SLACK_CLIENT_ID' : 'SLACK_BOT_TOKEN'} is set (Basic Information > Signing Secret), or set SLACK_APP_TOKEN for Socket Mode`,
    );
    return null;
  }
  return {
    botToken: e.SLACK_BOT_TOKEN ?? null,
    oauth,
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    apiUrl: e.SLACK_API_URL,
  };
}
