import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUrl, type Resolver } from '../../../src/ingest/index.js';
import { expectBriefError } from '../../helpers/brief-error.js';

/**
 * HTTPS through the pinned connection: the socket goes to the address our resolver returned,
 * while TLS still names the host (SNI) and verifies the certificate. The fixture certificate is
 * self-signed for news.test, so verification must fail.
 */
const tlsFixture = (name: string) => readFileSync(new URL(`../../fixtures/tls/${name}`, import.meta.url));

let server: https.Server;
let port: number;
const sniNames: string[] = [];
let requests = 0;

beforeAll(async () => {
  const context = tls.createSecureContext({
    key: tlsFixture('test-only-news-test.key'),
    cert: tlsFixture('test-only-news-test.crt'),
  });
  server = https.createServer(
    {
      SNICallback: (servername, done) => {
        sniNames.push(servername);
        done(null, context);
      },
    },
    (_req, res) => {
      requests++;
      res.end('<p>should never be read</p>');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('HTTPS fetches', () => {
  it('sends the hostname as SNI to the pinned address and refuses an untrusted certificate', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const policy = {
      allowHosts: [{ host: 'news.test', port }],
      timeoutMs: 3000,
      maxBytes: 1024 * 1024,
      maxRedirects: 5,
    };
    await expectBriefError(
      ingestUrl(`https://news.test:${port}/story`, { policy, resolve }),
      'fetch_failed',
      /security certificate is not valid/,
    );
    expect(sniNames).toEqual(['news.test']);
    expect(requests).toBe(0);
  });
});
