import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import {
  ingestUrl,
  type FetchPolicy,
  type ResolvedAddress,
  type Resolver,
} from '../../../src/ingest/index.js';
import { createLogger } from '../../../src/logger.js';
import { expectBriefError } from '../../helpers/brief-error.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';

/**
 * SSRF guard against a real server on 127.0.0.1 (allow-listed by port) and an injected resolver,
 * so DNS answers are whatever the test says and nothing leaves the machine.
 */
const article = `<html><head><title>Lighthouse keeper retires</title></head><body><article>
  <p>After forty-one years, the last keeper of the northern lighthouse retired on Sunday, handing the keys to the coastguard, which will run the light remotely from now on.</p>
  <p>Villagers lined the harbour to thank him, and the local school presented a painting of the tower made by every pupil.</p>
  <p>He plans to stay in the village and write a book about the storms he watched from the lamp room.</p>
</article></body></html>`;

let server: ArticleServer;
let outside: ArticleServer; // a second local server that is NOT allow-listed
let policy: FetchPolicy;

const answers = (...addresses: string[]): ResolvedAddress[] =>
  addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

/** A resolver from a table; records every lookup. */
function fakeDns(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const hit = table[hostname];
    if (!hit) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers(...hit);
  };
  return Object.assign(resolve, { calls });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof BriefError) return err.code;
    throw err;
  }
}

beforeAll(async () => {
  outside = await startArticleServer({ '/secret': { body: article } });
  server = await startArticleServer({ '/article': { body: article } });
  const redirect = (to: string) => ({ redirect: to });
  server.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/'));
  server.route('/to-metadata-v6', redirect('http://[fd00:ec2::254]/latest/meta-data/'));
  server.route('/to-decimal-loopback', redirect('http://2130706433/'));
  server.route('/to-private-name', redirect('http://intranet.example.com/admin'));
  server.route('/to-other-port', redirect(outside.url('/secret')));
  server.route('/to-file', redirect('file:///etc/passwd'));
  server.route('/to-creds', redirect('https://user:pw@news.example.com/'));
  server.route('/loop', redirect('/loop'));
  server.route('/ping', redirect('/pong'));
  server.route('/pong', redirect('/ping'));
  for (let i = 1; i <= 6; i++) server.route(`/chain${i}`, redirect(i === 6 ? '/article' : `/chain${i + 1}`));
  server.route('/bad-location', { redirect: 'http://[::1' });
  policy = {
    allowHosts: [{ host: '127.0.0.1', port: server.port }],
    timeoutMs: 3000,
    maxBytes: 1024 * 1024,
    maxRedirects: 5,
  };
});

afterAll(async () => {
  await server.close();
  await outside.close();
});

describe('DNS answers', () => {
  it.each([
    ['a private address', ['10.0.0.1']],
    ['loopback', ['127.0.0.1']],
    ['IPv6 loopback', ['::1']],
    ['IPv4-mapped loopback', ['::ffff:127.0.0.1']],
    ['the metadata service', ['169.254.169.254']],
    ['the IPv6 metadata service', ['fd00:ec2::254']],
    ['NAT64 of a private address', ['64:ff9b::a00:1']],
    ['CGNAT', ['100.64.1.1']],
    ['unspecified', ['0.0.0.0']],
    ['a public and a private address', ['93.184.216.34', '10.0.0.1']],
    ['a private and a public IPv6 address', ['2606:4700::1111', 'fe80::1']],
    ['something that is not an address', ['not-an-ip', '10.0.0.1']],
  ])('refuses a host that resolves to %s', async (_what, addrs) => {
    const dns = fakeDns({ 'news.example.com': addrs });
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    const err = await ingestUrl('https://news.example.com/story', { policy, resolve: dns, logger }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BriefError);
    expect(err).toMatchObject({ code: 'url_refused' });
    // Users learn what happened, never which internal address it was; the log has the detail.
    const message = (err as BriefError).userMessage;
    expect(message).toMatch(/private or internal network address/);
    for (const a of addrs) expect(message).not.toContain(a);
    expect(lines.join('\n')).toContain(addrs.at(-1));
  });

  it('reports a name that does not resolve as dns_failed', async () => {
    const dns = fakeDns({});
    await expectBriefError(
      ingestUrl('https://nowhere.example.com/', { policy, resolve: dns }),
      'dns_failed',
      /could not find the site "nowhere.example.com"/,
    );
  });

  it('reports an empty DNS answer as dns_failed', async () => {
    const empty: Resolver = async () => [];
    expect(await codeOf(ingestUrl('https://news.example.com/', { policy, resolve: empty }))).toBe(
      'dns_failed',
    );
  });

  it('applies the deadline to a DNS lookup that never returns', async () => {
    const stuck: Resolver = () => new Promise(() => undefined);
    const p = ingestUrl('https://news.example.com/', {
      policy: { ...policy, timeoutMs: 200 },
      resolve: stuck,
    });
    expect(await codeOf(p)).toBe('fetch_timeout');
  });

  it('connects to the checked address itself (pinned): no second lookup, Host header kept', async () => {
    // "news.test" exists only in our fake DNS; allow-listing it lets it point at loopback.
    const dns = fakeDns({ 'news.test': ['127.0.0.1'] });
    const allow = { ...policy, allowHosts: [{ host: 'news.test', port: server.port }] };
    const result = await ingestUrl(`http://news.test:${server.port}/article`, {
      policy: allow,
      resolve: dns,
    });
    expect(result.title).toBe('Lighthouse keeper retires');
    expect(dns.calls).toEqual(['news.test']);
    expect(server.requests.at(-1)?.headers.host).toBe(`news.test:${server.port}`);
  });
});

describe('redirects', () => {
  it.each([
    ['/to-metadata', 'the IPv4 metadata service'],
    ['/to-metadata-v6', 'the IPv6 metadata service'],
    ['/to-decimal-loopback', 'loopback spelled as a decimal number'],
    ['/to-private-name', 'a name that resolves to a private address'],
    ['/to-other-port', 'a local port that is not allow-listed'],
    ['/to-file', 'a file: URL'],
    ['/to-creds', 'a URL with credentials'],
  ])('refuses a redirect from %s (%s)', async (path, _what) => {
    const dns = fakeDns({ 'intranet.example.com': ['192.168.0.10'], 'news.example.com': ['93.184.216.34'] });
    const err = await ingestUrl(server.url(path), { policy, resolve: dns }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'url_refused' });
    expect(outside.requests).toHaveLength(0);
  });

  it('explains that it was the redirect that was refused', async () => {
    await expectBriefError(
      ingestUrl(server.url('/to-metadata'), { policy }),
      'url_refused',
      /^That link redirects to an address we don't fetch/,
    );
  });

  it.each(['/loop', '/ping'])('stops an endless redirect loop (%s) after 5 hops', async (path) => {
    const before = server.requests.length;
    await expectBriefError(
      ingestUrl(server.url(path), { policy }),
      'too_many_redirects',
      /redirected more than 5 times/,
    );
    expect(server.requests.length - before).toBe(6);
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const result = await ingestUrl(server.url('/chain2'), { policy });
    expect(result.url).toBe(server.url('/article'));
    expect(await codeOf(ingestUrl(server.url('/chain1'), { policy }))).toBe('too_many_redirects');
  });

  it('reports an unparseable Location as fetch_failed', async () => {
    expect(await codeOf(ingestUrl(server.url('/bad-location'), { policy }))).toBe('fetch_failed');
  });

  it('refuses the local server itself without the allow-list', async () => {
    const err = await ingestUrl(server.url('/article'), { policy: { ...policy, allowHosts: [] } }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'url_refused' });
  });
});
