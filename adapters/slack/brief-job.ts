import { BriefError, isBriefError } from '../../src/errors.js';
import { inputsFromMessage } from '../../src/message-input.js';
import type { SlackClient, SlackDeps } from './deps.js';
import { deliverBrief, type DeliveryTarget } from './deliver.js';
import { notifyUser } from './notify.js';
import { errorText, RESTARTING_TEXT } from './render/notices.js';

export interface BriefJob {
  /** What the user sent, with Slack markup already decoded (slack-text.ts). */
  text: string;
  user: string;
  target: DeliveryTarget;
  /** Told to the user when the text holds neither a link nor text. */
  emptyText: string;
  /** For the service's logs and usage accounting: "slack:<team>/<channel>". */
  caller: string;
}

/** The job's own deadline passed (the service's fetch timeout is usually first). */
const tooSlow = () =>
  new BriefError(
    'fetch_timeout',
    'Making this brief took too long. Try again in a minute, or paste the article text.',
  );

/**
 * The work after the ack: brief each link (or the text) and deliver it; every failure becomes an
 * ephemeral message to the user. Resolves in all cases, so a queue task never rejects.
 */
export async function runBriefJob(client: SlackClient, deps: SlackDeps, job: BriefJob): Promise<void> {
  const { logger } = deps;
  const notify = (text: string) =>
    notifyUser(
      client,
      {
        channel: job.target.channel,
        user: job.user,
        threadTs: job.target.threadTs,
        responseUrl: job.target.responseUrl,
      },
      text,
      logger,
    );

  const inputs = inputsFromMessage(job.text);
  if (inputs.length === 0) return notify(job.emptyText);

  // Ends at the job's deadline, or when a shutdown's grace period is over.
  const signal = AbortSignal.any([AbortSignal.timeout(deps.jobTimeoutMs), deps.shutdown]);
  for (const input of inputs) {
    const requestedUrl = input.kind === 'url' ? input.url : null;
    const started = deps.now();
    try {
      const brief = await deps.service.brief(input, { signal, caller: job.caller });
      const via = await deliverBrief(client, job.target, brief, requestedUrl, logger);
      logger.info('slack brief delivered', {
        channel: job.target.channel,
        via,
        kind: input.kind,
        ms: deps.now() - started,
      });
    } catch (caught) {
      if (deps.shutdown.aborted) {
        logger.info('slack brief aborted by shutdown', { channel: job.target.channel });
        await notify(RESTARTING_TEXT);
        return;
      }
      const err = signal.aborted && !isBriefError(caught) ? tooSlow() : caught;
      if (isBriefError(err))
        logger.info('slack brief refused', { code: err.code, channel: job.target.channel });
      else logger.error('slack brief failed', { err, channel: job.target.channel, kind: input.kind });
      await notify(errorText(err));
    }
  }
}
