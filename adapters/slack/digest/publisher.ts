import type { Digest, DigestPublisher } from '../../../src/digest/types.js';
import { WorkspaceGoneError } from '../../../src/errors.js';
import type { SlackClient, SlackClientFor } from '../deps.js';
import { NO_UNFURL } from '../deliver.js';
import { workspaceGone } from '../slack-errors.js';
import { renderDigestParent } from '../render/digest.js';
import { renderDigestStory } from '../render/digest-story.js';

/**
 * Posts digests to Slack channels with the bot's own client: the parent as a channel message, each
 * story as a reply in its thread. Errors (not_in_channel, a deleted channel, Slack down) are thrown
 * to the caller: `now` turns them into a hint for the user, the scheduler logs them and retries.
 * The client is the bot's in the digest channel's own workspace (clientFor): with many installs
 * each team posts with its token, and a team that uninstalled (no installation, or Slack refusing
 * its token) is a WorkspaceGoneError, which the scheduler drops quietly.
 */
export function createSlackDigestPublisher(clientFor: SlackClientFor): DigestPublisher {
  const withClient = async <T>(digest: Digest, work: (client: SlackClient) => Promise<T>): Promise<T> => {
    try {
      return await work(await clientFor(digest.channel.workspaceId));
    } catch (err) {
      if (err instanceof WorkspaceGoneError || !workspaceGone(err)) throw err;
      throw new WorkspaceGoneError('slack', digest.channel.workspaceId, { cause: err });
    }
  };
  return {
    postParent: (digest) =>
      withClient(digest, async (client) => {
        const posted = await client.chat.postMessage({
          channel: channelOf(digest),
          ...renderDigestParent(digest),
          ...NO_UNFURL,
        });
        if (!posted.ts) throw new Error('chat.postMessage answered without a message ts');
        return posted.ts;
      }),
    postStory: (digest, parentRef, index) =>
      withClient(digest, async (client) => {
        for (const reply of renderDigestStory(digest, index)) {
          await client.chat.postMessage({
            channel: channelOf(digest),
            thread_ts: parentRef,
            ...reply,
            ...NO_UNFURL,
          });
        }
      }),
  };
}

function channelOf(digest: Digest): string {
  if (digest.channel.platform !== 'slack') throw new Error(`not a Slack channel: ${digest.channel.platform}`);
  return digest.channel.channelId;
}
