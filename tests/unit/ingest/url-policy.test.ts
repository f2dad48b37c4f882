import { describe, expect, it } from 'vitest';
import type { AllowedHost } from '../../../src/config.js';
import { BriefError } from '../../../src/errors.js';
import { checkUrl } from '../../../src/ingest/url-policy.js';

function codeOf(url: string, allow: AllowedHost[] = []): string {
  try {
    checkUrl(url, allow);
    return 'ok';
  } catch (err) {
    if (err instanceof BriefError) return err.code;
    throw err;
  }
}

describe('URL policy', () => {
  it.each([
    ['https://news.example.com/story', 'ok'],
    ['http://news.example.com/story?id=1#comments', 'ok'],
    ['HTTPS://NEWS.EXAMPLE.COM:443/a', 'ok'],
    ['http://news.example.com:80/a', 'ok'],
    ['  https://news.example.com/padded  ', 'ok'],
    ['https://93.184.216.34/page', 'ok'],
    ['https://[2606:4700:4700::1111]/', 'ok'],
    // Not a URL at all.
    ['news.example.com/story', 'url_invalid'],
    ['', 'url_invalid'],
    ['https://exa mple.com/', 'url_invalid'],
    ['http://[fe80::1%25eth0]/', 'url_invalid'],
    // Schemes.
    ['ftp://files.example.com/a.txt', 'url_refused'],
    ['file:///etc/passwd', 'url_refused'],
    ['javascript:alert(1)', 'url_refused'],
    ['data:text/html,<p>hi</p>', 'url_refused'],
    ['gopher://example.com:70/', 'url_refused'],
    // Credentials and ports.
    ['https://user:pass@news.example.com/', 'url_refused'],
    ['https://user@news.example.com/', 'url_refused'],
    ['http://news.example.com:8080/', 'url_refused'],
    ['https://news.example.com:80/', 'url_refused'],
    ['http://news.example.com:22/', 'url_refused'],
    // Local names.
    ['http://localhost/', 'url_refused'],
    ['http://localhost./', 'url_refused'],
    ['http://LOCALHOST/', 'url_refused'],
    ['http://api.localhost/', 'url_refused'],
    ['http://printer.local/', 'url_refused'],
    ['http://db.internal/', 'url_refused'],
    ['http://router.home.arpa/', 'url_refused'],
    ['http://intranet/', 'url_refused'],
    // IP literals in every spelling the WHATWG parser normalises to 127.0.0.1.
    ['http://127.0.0.1/', 'url_refused'],
    ['http://2130706433/', 'url_refused'],
    ['http://0x7f.1/', 'url_refused'],
    ['http://0177.0.0.1/', 'url_refused'],
    ['http://0x7f000001/', 'url_refused'],
    ['http://127.1/', 'url_refused'],
    ['http://0/', 'url_refused'],
    ['http://169.254.169.254/latest/meta-data/', 'url_refused'],
    ['http://[::1]/', 'url_refused'],
    ['http://[::ffff:127.0.0.1]/', 'url_refused'],
    ['http://[::ffff:a9fe:a9fe]/', 'url_refused'],
    ['http://[fd00:ec2::254]/', 'url_refused'],
    ['http://[64:ff9b::10.0.0.1]/', 'url_refused'],
    ['http://[2002:c0a8:101::1]/', 'url_refused'],
  ])('%j => %s', (url, expected) => {
    expect(codeOf(url)).toBe(expected);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://News.Example.COM./', 'news.example.com'],
  ])('normalises %s to host %s before judging it', (url, host) => {
    expect(checkUrl(url, [{ host }]).host).toBe(host);
  });

  it('lets an allow-listed host through, on its port only when a port is listed', () => {
    const allow = [{ host: '127.0.0.1', port: 8123 }, { host: 'wiki.corp' }, { host: '::1' }];
    expect(checkUrl('http://127.0.0.1:8123/a', allow)).toMatchObject({ allowListed: true, port: 8123 });
    expect(codeOf('http://127.0.0.1:8124/a', allow)).toBe('url_refused');
    expect(codeOf('http://127.0.0.1/a', allow)).toBe('url_refused');
    expect(checkUrl('http://wiki.corp:8443/page', allow)).toMatchObject({
      allowListed: true,
      host: 'wiki.corp',
    });
    expect(checkUrl('http://[::1]:9000/', allow)).toMatchObject({ allowListed: true, literalAddress: '::1' });
  });

  it('still refuses credentials and other schemes on allow-listed hosts', () => {
    const allow = [{ host: '127.0.0.1' }];
    expect(codeOf('http://a:b@127.0.0.1/', allow)).toBe('url_refused');
    expect(codeOf('ftp://127.0.0.1/', allow)).toBe('url_refused');
  });

  it('tells the user what to do, and words redirect refusals differently', () => {
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as BriefError).userMessage;
      }
      return '';
    };
    expect(message(() => checkUrl('http://localhost/', []))).toMatch(/Share a public http\(s\) article link/);
    expect(message(() => checkUrl(new URL('http://10.0.0.1/'), [], 'redirect'))).toMatch(
      /redirects to an address/,
    );
    expect(message(() => checkUrl('not a url', []))).toMatch(/https:\/\/example.com/);
  });
});
