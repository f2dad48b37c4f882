import type { App } from '@slack/bolt';
import { OPEN_ARTICLE_ACTION_ID } from '../render/brief-message.js';

/**
 * A link button still sends a block_actions request when clicked; without an ack Slack shows the
 * user a warning icon next to the button.
 */
export function register(app: App): void {
  app.action(OPEN_ARTICLE_ACTION_ID, async ({ ack }) => {
    await ack();
  });
}
