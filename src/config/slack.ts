import { z } from 'zod';

// Slack is configured when SLACK_BOT_TOKEN is set. HTTP mode then needs the signing secret (Bolt
// verifies every request with it); Socket Mode (SLACK_APP_TOKEN) does not.

export interface SlackConfig {
  botToken: string;
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
});
export type SlackEnv = z.infer<typeof slackEnv>;

/** Cross-variable rules; pushes one line per problem, naming the variable. */
export function slackConfigOf(e: SlackEnv, problems: string[]): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN) {
    if (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
      problems.push(
        'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (xoxb-...)',
      );
    }
    return null;
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      'SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (Basic Information > Signing Secret), or set SLACK_APP_TOKEN for Socket Mode',
    );
    return null;
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    apiUrl: e.SLACK_API_URL,
  };
}
