import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { BRIEF_MESSAGE_CALLBACK_ID, briefMessageShortcutHandler } from './brief-message.js';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: BRIEF_MESSAGE_CALLBACK_ID, type: 'message_action' },
    briefMessageShortcutHandler(deps),
  );
}
