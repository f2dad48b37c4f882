import type { types } from '@slack/bolt';
import type { Subscription } from '../../../src/digest/types.js';
import { failedFeedName } from '../../../src/render/digest-labels.js';
import type { DigestStatusSummary } from '../../../src/store/store.js';
import type { ServerBriefDefaults } from '../../../src/workspace-settings.js';
import { fitMrkdwn } from '../escape.js';
import { MAX_SECTION_TEXT } from '../limits.js';
import { context, mrkdwn, section, type Block } from '../render/blocks.js';
import type { HomeData } from './data.js';
import { effectiveLabels } from './labels.js';

/**
 * The Home tab (views.publish, type "home"). Every feed title, URL and failure reason is
 * untrusted and goes through fitMrkdwn; channel mentions are built only from ids that look like
 * Slack's. Times use Slack's date markup, so each viewer reads them in their own zone.
 */
export const EDIT_DEFAULTS_ACTION = 'home_edit_defaults';

const FEEDS_SHOWN = 10;

/** A Slack channel id, safe inside `<#...>`. */
const channelRef = (id: string) => (/^[CGD][A-Z0-9]{2,}$/.test(id) ? `<#${id}>` : fitMrkdwn(id, 30));

/** A time in the viewer's own zone (Slack renders it), with a plain UTC fallback. */
export function slackDate(ms: number): string {
  const fallback = new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback} UTC>`;
}

/** What a platform error code (the ledger's last_error) means for the people in the channel. */
export function failureText(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return 'Brief is not in the channel: `/invite @Brief` there.';
    case 'channel_not_found':
      return 'Slack could not find the channel (deleted, or private without Brief in it).';
    case 'is_archived':
      return 'The channel is archived.';
    case 'ratelimited':
    case 'slack_webapi_rate_limited_error':
      return 'Slack asked Brief to slow down; it tries again.';
    case 'slack_webapi_request_error':
    case 'slack_webapi_http_error':
      return 'Slack could not be reached; Brief tries again.';
    default:
      return `Slack refused the post (${fitMrkdwn(code, 60)}).`;
  }
}

function channelBlocks(channelId: string, subs: Subscription[], status: DigestStatusSummary): Block[] {
  const first = subs[0]!;
  const head = `${channelRef(channelId)} — every day at *${fitMrkdwn(first.time, 10)}* (${fitMrkdwn(first.timezone, 64)})`;
  // Whole lines only, within the section's limit (each line is escaped and sized on its own).
  const feeds: string[] = [];
  let size = head.length;
  for (const s of subs.slice(0, FEEDS_SHOWN)) {
    const line = `• ${s.feedTitle ? `*${fitMrkdwn(s.feedTitle, 120)}* ` : ''}${fitMrkdwn(s.feedUrl, 300)}`;
    if (size + line.length + 1 > MAX_SECTION_TEXT - 60) break;
    feeds.push(line);
    size += line.length + 1;
  }
  if (subs.length > feeds.length) feeds.push(`• …and ${subs.length - feeds.length} more feeds`);
  const facts = [
    status.lastSentAt !== null ? `Last digest: ${slackDate(status.lastSentAt)}` : 'No digest sent yet',
  ];
  if (status.lastDeliveryFailure) {
    facts.push(
      `Last failure: ${slackDate(status.lastDeliveryFailure.at)} — ${failureText(status.lastDeliveryFailure.error)}`,
    );
  }
  if (status.lastFailedFeeds) {
    const named = status.lastFailedFeeds.feeds
      .slice(0, 3)
      .map((f) => `${fitMrkdwn(failedFeedName(f), 80)}: ${fitMrkdwn(f.reason, 200)}`)
      .join('; ');
    facts.push(`Feeds that failed (${slackDate(status.lastFailedFeeds.at)}): ${named}`);
  }
  return [section([head, ...feeds].join('\n')), context(facts)];
}

export function renderHome(data: HomeData, server: ServerBriefDefaults): types.HomeView {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Brief', emoji: false } }];

  blocks.push(section('*Daily digests in your channels*'));
  if (!data.channelsKnown) {
    blocks.push(
      context([
        'Slack did not say which channels you are in (the app needs the `channels:read` and `groups:read` scopes: reinstall it). `/brief digest list` in a channel shows its digest.',
      ]),
    );
  } else if (data.channels.length === 0) {
    blocks.push(
      context([
        'None of your channels has a daily digest. In a channel, `/brief digest add <feed-url> 09:00` starts one.',
      ]),
    );
  }
  for (const c of data.channels) blocks.push(...channelBlocks(c.channelId, c.subscriptions, c.status));
  if (data.moreChannels > 0)
    blocks.push(
      context([
        `…and ${data.moreChannels} more of your channels with digests (\`/brief digest list\` in each).`,
      ]),
    );

  blocks.push({ type: 'divider' });
  const u = data.usage;
  const tokens = u.promptTokens + u.completionTokens;
  blocks.push(
    section(
      [
        '*This month in this workspace*',
        `Briefs: *${u.briefs.toLocaleString('en-US')}*`,
        `LLM tokens: *${tokens.toLocaleString('en-US')}* (${u.promptTokens.toLocaleString('en-US')} in, ${u.completionTokens.toLocaleString('en-US')} out, ${u.llmCalls.toLocaleString('en-US')} calls)`,
      ].join('\n'),
    ),
  );

  blocks.push({ type: 'divider' });
  const labels = effectiveLabels(data.settings, server);
  const defaults: types.SectionBlock = {
    type: 'section',
    text: mrkdwn(
      [
        '*Workspace defaults* for briefs and digests',
        `Engine: ${fitMrkdwn(labels.engine, 200)}`,
        `Summary language: ${fitMrkdwn(labels.language, 200)}`,
        `Brief length: ${fitMrkdwn(labels.length, 200)}`,
      ].join('\n'),
    ),
  };
  if (data.isAdmin) {
    defaults.accessory = {
      type: 'button',
      action_id: EDIT_DEFAULTS_ACTION,
      text: { type: 'plain_text', text: 'Edit defaults' },
    };
  }
  blocks.push(defaults);
  if (!data.isAdmin) blocks.push(context(['Only workspace admins and owners can change these.']));
  return { type: 'home', blocks };
}
