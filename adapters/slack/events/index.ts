import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { appMentionHandler } from './app-mention.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', appMentionHandler(deps));
}
