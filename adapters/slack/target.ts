import type { SlackTarget } from '../../src/jobs/types.js';

/** The delivery target of a slash command or a shortcut, from the fields Slack sends. */
export function slackTarget(fields: {
  teamId: string;
  enterpriseId?: string | undefined;
  channel: string;
  user: string;
  threadTs?: string;
  responseUrl?: string;
  receivedAt: number;
}): SlackTarget {
  return {
    platform: 'slack',
    teamId: fields.teamId,
    ...(fields.enterpriseId ? { enterpriseId: fields.enterpriseId } : {}),
    channel: fields.channel,
    user: fields.user,
    ...(fields.threadTs ? { threadTs: fields.threadTs } : {}),
    ...(fields.responseUrl ? { responseUrl: fields.responseUrl } : {}),
    receivedAt: fields.receivedAt,
  };
}
