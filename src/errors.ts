/**
 * Errors a user causes (a bad URL, a page that is not an article) are BriefErrors: a stable code
 * for programs and a message that tells the user what happened and what to do. Anything else is a
 * bug: thrown as a plain Error and logged, and the user sees a generic apology.
 */
export const briefErrorCodes = [
  'usage',
  'empty_input',
  'input_too_large',
  'file_unreadable',
  'url_invalid',
  'url_refused',
  'dns_failed',
  'fetch_timeout',
  'fetch_too_large',
  'fetch_http',
  'fetch_failed',
  'too_many_redirects',
  'not_article',
  // A page that is an index or section front rather than one article (ingest's `unsupported`).
  'not_an_article',
  // The site answered with a bot check or "access denied" page (ingest's `blocked`).
  'page_blocked',
  'no_content',
  'engine_unavailable',
  'not_configured',
  // Digests (src/digest): a link that is no feed, a bad HH:MM or time zone, a feed already followed.
  'not_feed',
  'invalid_schedule',
  'already_subscribed',
] as const;
export type BriefErrorCode = (typeof briefErrorCodes)[number];

export class BriefError extends Error {
  override readonly name = 'BriefError';
  constructor(
    readonly code: BriefErrorCode,
    /** Shown to users as is: no secrets, no stack, no internal addresses. */
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
  }
}

export function isBriefError(err: unknown): err is BriefError {
  return err instanceof BriefError;
}

/** What a user sees for any failure: the BriefError's message, or a generic line for a bug. */
export function userMessageOf(err: unknown): string {
  return isBriefError(err)
    ? err.userMessage
    : 'Something went wrong on our side while making this brief. Please try again in a minute.';
}

/**
 * The workspace has no installation any more: it uninstalled Brief, or revoked its tokens. Jobs
 * and digests for it end quietly (an info log): there is nobody left to tell, and nothing may be
 * posted there. Thrown by a platform's client lookup; found through `cause` chains.
 */
export class WorkspaceGoneError extends Error {
  override readonly name = 'WorkspaceGoneError';
  constructor(
    readonly platform: string,
    readonly workspaceId: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${platform} workspace ${workspaceId} has no installation (uninstalled or tokens revoked)`,
      options,
    );
  }
}

export function isWorkspaceGone(err: unknown): boolean {
  // A few levels: a service wrapping a publisher wrapping the lookup.
  for (let e: unknown = err, depth = 0; e !== null && e !== undefined && depth < 5; depth++) {
    if (e instanceof WorkspaceGoneError) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
