import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIEF_COMMAND } from '../../../../adapters/slack/commands/brief-command.js';
import { BRIEF_MESSAGE_CALLBACK_ID } from '../../../../adapters/slack/shortcuts/brief-message.js';
import { EVENTS_PATH } from '../../../../adapters/slack/transport.js';

/** The manifest users paste into Slack must name what the code listens for. */
describe('slack-manifest.yaml', () => {
  const manifest = readFileSync(new URL('../../../../slack-manifest.yaml', import.meta.url), 'utf8');
  const values = (key: string) =>
    [...manifest.matchAll(new RegExp(`^\\s*-?\\s*${key}:\\s*(\\S+)\\s*$`, 'gm'))].map((m) => m[1]);

  it('declares the slash command and the message shortcut the code registers', () => {
    expect(values('command')).toEqual([BRIEF_COMMAND]);
    expect(values('callback_id')).toEqual([BRIEF_MESSAGE_CALLBACK_ID]);
  });

  it('sends commands, events and interactivity to the events path', () => {
    const urls = [...values('url'), ...values('request_url')];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(new URL(url!).pathname).toBe(EVENTS_PATH);
  });

  it('asks for exactly the scopes and events the adapter uses', () => {
    const scopes = manifest.match(/bot:\n((?:\s+(?:#.*|- \S+)\n)+)/)?.[1] ?? '';
    expect(scopes.match(/- (\S+)/g)?.map((s) => s.slice(2))).toEqual([
      'commands',
      'chat:write',
      'app_mentions:read',
      'users:read',
    ]);
    expect(manifest).toMatch(/bot_events:\n\s+- app_mention\n/);
  });
});
