import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { BRIEF_COMMAND, briefCommandHandler } from './brief-command.js';

export function register(app: App, deps: SlackDeps): void {
  app.command(BRIEF_COMMAND, briefCommandHandler(deps));
}
