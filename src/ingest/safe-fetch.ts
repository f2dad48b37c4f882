import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AllowedHost } from '../config.js';
import { BriefError } from '../errors.js';
import type { Logger } from '../logger.js';
import { classifyAddress } from './address-policy.js';
import { describeHttpError, mapNetworkError } from './fetch-errors.js';
import { readBody } from './read-body.js';
import { classifyContentType, classifyFeedContentType, notArticle } from './sniff.js';
import { checkUrl, type CheckedUrl } from './url-policy.js';

/**
 * Fetches a user-supplied URL without letting it reach inside our network (SSRF): every hop's URL
 * is checked, every DNS answer is checked, and the socket connects to exactly the address we
 * checked (a custom `lookup`), so a second DNS answer cannot swap in a private address (rebinding).
 */
export interface FetchPolicy {
  allowHosts: AllowedHost[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchDeps {
  policy: FetchPolicy;
  resolve?: Resolver;
  /** Refused addresses and low-level errors go here, never into user messages. */
  logger?: Logger;
}

export interface FetchedPage {
  /** The URL that finally answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  /** Decoded (decompressed) body, at most policy.maxBytes; empty on 304 Not Modified. */
  body: Buffer;
  /** True when a conditional request was answered 304: nothing changed, there is no body. */
  notModified: boolean;
  /** Validators for the next conditional request (RFC 9110 section 13). */
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions {
  /** `feed` accepts RSS, Atom, RDF and JSON Feed media types instead of HTML and text only. */
  accept?: 'article' | 'feed';
  /** The ETag of the copy we hold: sent as If-None-Match. */
  ifNoneMatch?: string | null;
  /** The Last-Modified of the copy we hold: sent as If-Modified-Since. */
  ifModifiedSince?: string | null;
}

export const USER_AGENT = 'Mozilla/5.0 (compatible; BriefBot/0.1; +news briefing bot)';
const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1';
const ACCEPT_FEED =
  'application/rss+xml,application/atom+xml,application/feed+json,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,application/json;q=0.7,*/*;q=0.1';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function resolveChecked(
  target: CheckedUrl,
  deps: SafeFetchDeps,
  signal: AbortSignal,
): Promise<ResolvedAddress[]> {
  if (target.literalAddress) {
    return [{ address: target.literalAddress, family: isIP(target.literalAddress) === 6 ? 6 : 4 }];
  }
  let answers: ResolvedAddress[];
  try {
    answers = await abortable((deps.resolve ?? systemResolver)(target.host), signal);
  } catch (err) {
    if (signal.aborted) throw err;
    deps.logger?.info('dns lookup failed', { host: target.host, err });
    throw new BriefError(
      'dns_failed',
      `We could not find the site "${target.host}". Check the link for typos.`,
    );
  }
  const usable = answers.filter((a) => isIP(a.address) !== 0);
  if (usable.length === 0) {
    throw new BriefError(
      'dns_failed',
      `We could not find the site "${target.host}". Check the link for typos.`,
    );
  }
  if (!target.allowListed) {
    // One bad answer refuses the lot: a mixed answer is how rebinding and split-horizon tricks look.
    const refused = usable
      .map((a) => ({ ...a, why: classifyAddress(a.address) }))
      .filter((a) => a.why !== null);
    if (refused.length > 0) {
      deps.logger?.warn('refused fetch to non-public address', { host: target.host, refused });
      throw new BriefError(
        'url_refused',
        'That link leads to a private or internal network address, which we never fetch. Share a public article link.',
      );
    }
  }
  return usable.map((a) => ({ address: a.address, family: isIP(a.address) === 6 ? 6 : 4 }));
}

/** A `lookup` that answers only with addresses we already checked: no second DNS query. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family =
      options.family === 4 || options.family === 'IPv4'
        ? 4
        : options.family === 6 || options.family === 'IPv6'
          ? 6
          : 0;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address for this family'), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all) {
      callback(
        null,
        usable.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function request(
  target: CheckedUrl,
  addresses: ResolvedAddress[],
  signal: AbortSignal,
  options: FetchOptions,
): Promise<http.IncomingMessage> {
  const conditional: Record<string, string> = {};
  if (options.ifNoneMatch) conditional['if-none-match'] = options.ifNoneMatch;
  if (options.ifModifiedSince) conditional['if-modified-since'] = options.ifModifiedSince;
  return new Promise((resolve, reject) => {
    const transport = target.url.protocol === 'https:' ? https : http;
    const req = transport.request(
      {
        host: target.host,
        port: target.port,
        path: target.url.pathname + target.url.search,
        method: 'GET',
        // TLS still verifies the certificate against the hostname, not the pinned address.
        servername: target.literalAddress ? undefined : target.host,
        lookup: pinnedLookup(addresses),
        agent: false,
        signal,
        headers: {
          host: target.url.host,
          'user-agent': USER_AGENT,
          accept: options.accept === 'feed' ? ACCEPT_FEED : ACCEPT,
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'en;q=1.0, *;q=0.5',
          ...conditional,
        },
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

export async function safeFetch(
  rawUrl: string,
  deps: SafeFetchDeps,
  signal?: AbortSignal,
  options: FetchOptions = {},
): Promise<FetchedPage> {
  const { policy } = deps;
  signal?.throwIfAborted();
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort(new Error('deadline'));
  }, policy.timeoutMs);
  const onCallerAbort = () => deadline.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  let res: http.IncomingMessage | undefined;
  try {
    let target = checkUrl(rawUrl, policy.allowHosts);
    for (let hop = 0; ; hop++) {
      const addresses = await resolveChecked(target, deps, deadline.signal);
      res = await request(target, addresses, deadline.signal, options);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        if (hop >= policy.maxRedirects) {
          throw new BriefError(
            'too_many_redirects',
            `That link redirected more than ${policy.maxRedirects} times (it may loop). Open it in a browser and share the final address.`,
          );
        }
        let next: URL;
        try {
          next = new URL(location, target.url);
        } catch {
          throw new BriefError(
            'fetch_failed',
            'The site redirected to an invalid address. Try the link in a browser.',
          );
        }
        target = checkUrl(next, policy.allowHosts, 'redirect');
        continue;
      }
      const etag = headerValue(res.headers.etag);
      const lastModified = headerValue(res.headers['last-modified']);
      // 304 is only an answer to a conditional request; without validators it is a server bug.
      if (status === 304 && (options.ifNoneMatch || options.ifModifiedSince)) {
        return {
          url: target.url.href,
          status,
          contentType: null,
          body: Buffer.alloc(0),
          notModified: true,
          etag: etag ?? options.ifNoneMatch ?? null,
          lastModified: lastModified ?? options.ifModifiedSince ?? null,
        };
      }
      if (status < 200 || status > 299) {
        const sample = await readBody(res, 16 * 1024, 'truncate').catch(() => Buffer.alloc(0));
        throw describeHttpError(status, sample);
      }
      const contentType = res.headers['content-type'] ?? null;
      const kind =
        options.accept === 'feed' ? classifyFeedContentType(contentType) : classifyContentType(contentType);
      if (kind === 'refused') {
        throw notArticle({ mime: (contentType ?? '').split(';')[0]?.trim() ?? 'unknown' });
      }
      if (Number(res.headers['content-length'] ?? 0) > policy.maxBytes) throw tooLarge(policy.maxBytes);
      const body = await readBody(res, policy.maxBytes, 'strict');
      if (body === null) throw tooLarge(policy.maxBytes);
      return { url: target.url.href, status, contentType, body, notModified: false, etag, lastModified };
    }
  } catch (err) {
    if (err instanceof BriefError) throw err;
    if (timedOut) {
      throw new BriefError(
        'fetch_timeout',
        `The site did not answer within ${Math.round(policy.timeoutMs / 1000) || 1} s. Try again later, or paste the article text.`,
      );
    }
    if (signal?.aborted) throw signal.reason;
    deps.logger?.info('fetch failed', { err });
    throw mapNetworkError(err);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
    res?.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.length <= 1024 ? v : null;
}

function tooLarge(maxBytes: number): BriefError {
  const mib = (maxBytes / (1024 * 1024)).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
  return new BriefError(
    'fetch_too_large',
    `That page is larger than ${mib} MiB, too big to be a single article. Paste the article text instead.`,
  );
}
