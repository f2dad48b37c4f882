import type { Digest, DigestPublisher } from '../../../src/digest/types.js';
import type { SlackClient } from '../deps.js';
import { NO_UNFURL } from '../deliver.js';
import { renderDigestParent } from '../render/digest.js';
import { renderDigestStory } from '../render/digest-story.js';

/**
 * Posts digests to Slack channels with the bot's own client: the parent as a channel message, each
 * story as a reply in its thread. Errors (not_in_channel, a deleted channel, Slack down) are thrown
 * to the caller: `now` turns them into a hint for the user, the scheduler logs them and retries.
 */
export function createSlackDigestPublisher(client: SlackClient): DigestPublisher {
  return {
    async postParent(digest) {
      const posted = await client.chat.postMessage({
        channel: channelOf(digest),
        ...renderDigestParent(digest),
        ...NO_UNFURL,
      });
      if (!posted.ts) throw new Error('chat.postMessage answered without a message ts');
      return posted.ts;
    },
    async postStory(digest, parentRef, index) {
      for (const reply of renderDigestStory(digest, index)) {
        await client.chat.postMessage({
          channel: channelOf(digest),
          thread_ts: parentRef,
          ...reply,
          ...NO_UNFURL,
        });
      }
    },
  };
}

function channelOf(digest: Digest): string {
  if (digest.channel.platform !== 'slack') throw new Error(`not a Slack channel: ${digest.channel.platform}`);
  return digest.channel.channelId;
}
