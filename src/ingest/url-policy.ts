import { isIP } from 'node:net';
import type { AllowedHost } from '../config.js';
import { BriefError } from '../errors.js';
import { classifyAddress } from './address-policy.js';

/**
 * Which URLs we agree to fetch, judged before any DNS lookup (and again on every redirect hop).
 * Pure: no network. The address check after DNS lives in safe-fetch.ts.
 */
export interface CheckedUrl {
  url: URL;
  /** Hostname without IPv6 brackets or a trailing dot: what DNS and the allow-list see. */
  host: string;
  port: number;
  /** Set when the host is an IP literal; no DNS lookup is needed (or allowed). */
  literalAddress: string | null;
  /** An allow-listed host skips the address check and the default-port rule. */
  allowListed: boolean;
}

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

// Names that never mean a public web site: RFC 6761 (localhost), RFC 6762 (.local),
// RFC 8375 (home.arpa), ICANN's reserved .internal, and the everyday .lan.
const privateSuffixes = ['localhost', 'local', 'internal', 'home.arpa', 'lan', 'intranet'];

/** How a refusal starts: the user's own link, or where it redirected us. */
export type UrlRole = 'link' | 'redirect';

const refusal = (role: UrlRole) => (why: string) =>
  new BriefError(
    'url_refused',
    role === 'link'
      ? `That link can't be fetched: ${why}. Share a public http(s) article link.`
      : `That link redirects to an address we don't fetch: ${why}. Open it in a browser and share the final address.`,
  );

/** Parses with the WHATWG URL parser, which also normalises 0x7f.1, 0177.0.0.1 and 2130706433. */
export function parseUserUrl(raw: string): URL {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BriefError(
      'url_invalid',
      'That does not look like a web address. Give a full link such as https://example.com/news/story.',
    );
  }
  return url;
}

export function isAllowListed(host: string, port: number, allowHosts: AllowedHost[]): boolean {
  return allowHosts.some(
    (entry) => stripHost(entry.host) === host && (entry.port === undefined || entry.port === port),
  );
}

function stripHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Throws url_invalid / url_refused; returns what the fetcher needs to connect. */
export function checkUrl(raw: string | URL, allowHosts: AllowedHost[], role: UrlRole = 'link'): CheckedUrl {
  const url = typeof raw === 'string' ? parseUserUrl(raw) : raw;
  const refused = refusal(role);
  const defaultPort = defaultPorts[url.protocol];
  if (defaultPort === undefined) {
    throw refused(`only http and https links are supported, not "${url.protocol.replace(/:$/, '')}"`);
  }
  if (url.username || url.password) {
    throw refused('links with a user name or password in them are not fetched');
  }
  const host = stripHost(url.hostname);
  if (!host) throw refused('the link has no host name');
  const port = url.port ? Number(url.port) : defaultPort;
  const allowListed = isAllowListed(host, port, allowHosts);
  const literalAddress = isIP(host) ? host : null;
  if (!allowListed) {
    if (url.port) {
      throw refused(`only the standard web ports are allowed (port ${url.port} was given)`);
    }
    if (literalAddress !== null) {
      if (classifyAddress(literalAddress) !== null)
        throw refused('it points to a private or reserved address');
    } else if (!host.includes('.')) {
      // Single-label names resolve through local search domains to internal machines.
      throw refused('it names a local machine, not a public site');
    } else if (privateSuffixes.some((s) => host === s || host.endsWith('.' + s))) {
      throw refused('it names a local or internal network address');
    }
  }
  return { url, host, port, literalAddress, allowListed };
}
