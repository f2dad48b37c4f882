import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIEF_COMMAND } from '../../../../adapters/slack/commands/brief-command.js';
import { BRIEF_MESSAGE_CALLBACK_ID } from '../../../../adapters/slack/shortcuts/brief-message.js';
import { BOT_SCOPES, REDIRECT_PATH } from '../../../../adapters/slack/installations/index.js';
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

  const list = (key: string) =>
    (manifest.match(new RegExp(`${key}:\\n((?:\\s+(?:#.*|- \\S+)\\n)+)`))?.[1] ?? '')
      .match(/- (\S+)/g)
      ?.map((s) => s.slice(2));

  it('asks for exactly the scopes an OAuth install asks for, and the events the adapter uses', () => {
    expect(list('bot')).toEqual([...BOT_SCOPES]);
    expect(list('bot_events')).toEqual([
      'app_mention',
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
  });

  it('sends installers back to the OAuth redirect path, and has a Home tab', () => {
    const redirects = list('redirect_urls') ?? [];
    expect(redirects).toHaveLength(1);
    expect(new URL(redirects[0]!).pathname).toBe(REDIRECT_PATH);
    expect(manifest).toMatch(/app_home:\n\s+#.*\n\s+home_tab_enabled: true\n/);
  });
});
