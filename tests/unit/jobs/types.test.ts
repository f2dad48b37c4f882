import { describe, expect, it } from 'vitest';
import {
  callerOf,
  channelOf,
  jobIds,
  type DiscordTarget,
  type SlackTarget,
} from '../../../src/jobs/types.js';

const slack: SlackTarget = { platform: 'slack', teamId: 'T1', channel: 'C2', user: 'U3', receivedAt: 0 };
const discord: DiscordTarget = {
  platform: 'discord',
  applicationId: 'A',
  interactionId: 'I',
  interactionToken: 'tok',
  channelId: '22',
  guildId: '11',
  user: '33',
  createdAt: 0,
  ephemeral: false,
  canThread: true,
  canPost: true,
};

describe('who asked, and where', () => {
  it('names the caller usage is recorded under: the workspace or server, and the channel', () => {
    expect(callerOf(slack)).toBe('slack:T1/C2');
    expect(callerOf(discord)).toBe('discord:11/22');
    expect(callerOf({ ...discord, guildId: null })).toBe('discord:dm/22');
  });

  it('finds the digest channel of a target', () => {
    expect(channelOf(slack)).toEqual({ platform: 'slack', workspaceId: 'T1', channelId: 'C2' });
    expect(channelOf(discord)).toEqual({ platform: 'discord', workspaceId: '11', channelId: '22' });
  });

  it('makes job ids from what makes a request unique, without the colons Redis queues refuse', () => {
    const ids = [
      jobIds.slackCommand('13345224609.738474920.8088930838d88f008e0'),
      jobIds.slackShortcut('1.2.3'),
      jobIds.slackEvent('Ev0123ABC'),
      jobIds.discordInteraction('1234567890123456789'),
    ];
    for (const id of ids) expect(id).not.toContain(':');
    expect(new Set(ids).size).toBe(ids.length);
    expect(jobIds.slackCommand('x')).not.toBe(jobIds.slackShortcut('x'));
  });
});
