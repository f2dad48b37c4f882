import { STATUS_CODES } from 'node:http';
import { BriefError } from '../errors.js';
import { looksBlocked } from './verdict.js';

/** User-facing errors for HTTP statuses and socket failures (no addresses, no stack traces). */

export function describeHttpError(status: number, sample: Buffer | null): BriefError {
  const answered = `The site answered ${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const bodyText = sample ? sample.toString('utf8') : '';
  let advice: string;
  if (status === 401 || status === 403) {
    advice = looksBlocked(bodyText)
      ? 'it showed a bot check instead of the article. Paste the article text instead.'
      : 'it refuses automated readers or needs a login. Paste the article text instead.';
  } else if (status === 404 || status === 410) {
    advice = 'the page may have moved or been removed. Check the link.';
  } else if (status === 429) {
    advice = 'it is limiting requests. Try again in a few minutes.';
  } else if (status === 451) {
    advice = 'the page is unavailable for legal reasons.';
  } else if (status >= 500) {
    advice = 'the site is having trouble. Try again later.';
  } else {
    advice = 'not an article page. Check the link.';
  }
  return new BriefError('fetch_http', `${answered}: ${advice}`);
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

export function mapNetworkError(err: unknown): BriefError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'ECONNREFUSED') {
    return new BriefError(
      'fetch_failed',
      'The site refused the connection. Check the link or try again later.',
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new BriefError('fetch_failed', 'The connection to the site was cut off. Try again in a minute.');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BriefError('dns_failed', 'We could not find that site. Check the link for typos.');
  }
  if (TLS_CODES.test(code)) {
    return new BriefError(
      'fetch_failed',
      "The site's security certificate is not valid, so we did not read it. Check the link.",
    );
  }
  if (code.startsWith('HPE_') || code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new BriefError(
      'fetch_failed',
      'The site sent a broken response. Try again later, or paste the text.',
    );
  }
  return new BriefError(
    'fetch_failed',
    'We could not fetch that page. Try again later, or paste the article text.',
  );
}
