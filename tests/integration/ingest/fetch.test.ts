import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText } from '../../../src/article.js';
import { ingestUrl, type FetchPolicy } from '../../../src/ingest/index.js';
import { expectBriefError } from '../../helpers/brief-error.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const MiB = 1024 * 1024;

const storyParagraphs = [
  'The night ferry between the two island towns will run all year from October, the operator said on Wednesday, ending decades of winter gaps.',
  'Around 4,000 people signed a petition last spring asking for a year-round service, arguing that winter closures cut them off from hospital appointments.',
  'The operator said a new, smaller vessel would make the crossing viable in the quiet months, and fares would stay at their current level.',
];
const storyHtml = `<!doctype html><html lang="en"><head><title>Night ferry to run all year</title></head>
<body><article><h1>Night ferry to run all year</h1>${storyParagraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

let server: ArticleServer;
let policy: FetchPolicy;

beforeAll(async () => {
  server = await startArticleServer({
    '/story': { body: storyHtml },
    '/news-page': { body: fixture('news-page.html') },
    '/plain': {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: storyParagraphs.join('\n\n'),
    },
    '/gzip': { headers: { 'content-encoding': 'gzip' }, body: zlib.gzipSync(storyHtml) },
    '/deflate': { headers: { 'content-encoding': 'deflate' }, body: zlib.deflateSync(storyHtml) },
    '/br': { headers: { 'content-encoding': 'br' }, body: zlib.brotliCompressSync(storyHtml) },
    '/zstd': { headers: { 'content-encoding': 'zstd' }, body: 'whatever' },
    '/missing': { status: 404, body: '<h1>Not here</h1>' },
    '/broken-server': { status: 503, body: 'down' },
    '/forbidden': { status: 403, body: '<title>Access denied</title><p>Please verify you are human.</p>' },
    '/login': { status: 401, body: 'Log in' },
    '/hang': { hang: true },
    '/png': {
      headers: { 'content-type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    },
    '/pdf': { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7' },
    '/pdf-as-html': { body: '%PDF-1.7\n1 0 obj <<>>' },
    '/nul-bytes': { headers: { 'content-type': '' }, body: Buffer.from('abc\0\0\0def') },
    '/octet-html': { headers: { 'content-type': 'application/octet-stream' }, body: storyHtml },
    '/no-type': (_req, res) => {
      res.writeHead(200);
      res.end(storyHtml);
    },
    '/empty': { body: '' },
    '/declared-huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MiB) });
      res.write('<p>start');
      // Never finishes: the fetcher must refuse on the header, not wait for the body.
    },
    '/stream-huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 3 * MiB) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/gzip-bomb': {
      headers: { 'content-encoding': 'gzip' },
      body: zlib.gzipSync(Buffer.alloc(64 * MiB, ' '), { level: 9 }),
    },
    '/brotli-bomb': {
      headers: { 'content-encoding': 'br' },
      body: zlib.brotliCompressSync(Buffer.alloc(64 * MiB, ' ')),
    },
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>The first words arrive');
      // ...and then nothing more, ever.
    },
  });
  policy = {
    allowHosts: [{ host: '127.0.0.1', port: server.port }],
    timeoutMs: 3000,
    maxBytes: MiB,
    maxRedirects: 5,
  };
});

afterAll(async () => {
  await server.close();
});

const fetchArticle = (path: string, overrides: Partial<FetchPolicy> = {}, signal?: AbortSignal) =>
  ingestUrl(server.url(path), { policy: { ...policy, ...overrides } }, signal);

describe('fetching articles over real HTTP', () => {
  it('fetches and extracts an article, identifying itself politely', async () => {
    const article = await fetchArticle('/story');
    expect(article.title).toBe('Night ferry to run all year');
    expect(article.paragraphs).toEqual(storyParagraphs);
    expect(article.url).toBe(server.url('/story'));
    expect(article.siteName).toBe('127.0.0.1');
    const request = server.requests.find((r) => r.path === '/story');
    expect(request?.headers['user-agent']).toMatch(/BriefBot/);
    expect(request?.headers['accept']).toMatch(/text\/html/);
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('extracts the realistic news page fixture end to end', async () => {
    const article = await fetchArticle('/news-page');
    expect(article.title).toBe('Harbour town votes to rebuild its flooded sea wall');
    expect(articleText(article)).not.toMatch(/cookies|Most read|CHEAP WATCHES/);
  });

  it.each(['/gzip', '/deflate', '/br', '/octet-html', '/no-type'])('reads %s', async (path) => {
    expect((await fetchArticle(path)).paragraphs).toEqual(storyParagraphs);
  });

  it('reads a text/plain page and keeps its URL', async () => {
    const article = await fetchArticle('/plain');
    expect(article.paragraphs).toEqual(storyParagraphs);
    expect(article.url).toBe(server.url('/plain'));
  });

  it.each([
    ['/missing', /^The site answered 404 Not Found: the page may have moved/],
    ['/broken-server', /^The site answered 503 Service Unavailable: the site is having trouble/],
    ['/forbidden', /^The site answered 403 Forbidden: it showed a bot check/],
    ['/login', /^The site answered 401 Unauthorized: it refuses automated readers or needs a login/],
  ])('reports HTTP errors for %s with the status', async (path, message) => {
    await expectBriefError(fetchArticle(path), 'fetch_http', message);
  });

  it.each([
    ['/png', /an? "image\/png" file/],
    ['/pdf', /"application\/pdf" file/],
    ['/pdf-as-html', /a PDF document.*Copy the text out of it/],
    ['/nul-bytes', /a binary file/],
  ])('refuses %s as not an article', async (path, message) => {
    await expectBriefError(fetchArticle(path), 'not_article', message);
  });

  it('refuses an empty page with no_content', async () => {
    await expect(fetchArticle('/empty')).rejects.toMatchObject({ code: 'no_content' });
  });

  it('refuses an unknown content encoding', async () => {
    await expect(fetchArticle('/zstd')).rejects.toMatchObject({ code: 'fetch_failed' });
  });
});

describe('fetch limits', () => {
  it('gives up on a server that never answers, at the deadline', async () => {
    const started = Date.now();
    await expectBriefError(
      fetchArticle('/hang', { timeoutMs: 300 }),
      'fetch_timeout',
      /did not answer within 1 s/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the body against the same deadline (headers, then silence)', async () => {
    const started = Date.now();
    await expect(fetchArticle('/drip', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'fetch_timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops when the caller's signal aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetchArticle('/hang', {}, controller.signal)).rejects.toBe(reason);
  });

  it('refuses a declared oversized body without reading it', async () => {
    const started = Date.now();
    await expectBriefError(fetchArticle('/declared-huge'), 'fetch_too_large', /larger than 1 MiB/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops a streamed body at the byte cap', async () => {
    await expect(fetchArticle('/stream-huge')).rejects.toMatchObject({ code: 'fetch_too_large' });
  });

  it.each(['/gzip-bomb', '/brotli-bomb'])('counts decoded bytes, so %s stops at the cap', async (path) => {
    const before = process.memoryUsage().rss;
    await expect(fetchArticle(path)).rejects.toMatchObject({ code: 'fetch_too_large' });
    // 64 MiB inflated would show; the cap keeps the growth to a few MiB.
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * MiB);
  });

  it('reports a refused connection as fetch_failed', async () => {
    const closed = await startArticleServer();
    const port = closed.port;
    await closed.close();
    await expectBriefError(
      ingestUrl(`http://127.0.0.1:${port}/`, {
        policy: { ...policy, allowHosts: [{ host: '127.0.0.1', port }] },
      }),
      'fetch_failed',
      /refused the connection/,
    );
  });
});

describe('charsets', () => {
  // "Café owners say “yes” – 40 € raised" in windows-1252.
  const cp1252 = (prefix: string) =>
    Buffer.concat([
      Buffer.from(prefix, 'latin1'),
      Buffer.from(
        '<p>Caf\xe9 owners say \x93yes\x94 \x96 40 \x80 raised for the harbour appeal on Saturday.</p>',
        'latin1',
      ),
      Buffer.from(storyParagraphs.map((p) => `<p>${p}</p>`).join(''), 'latin1'),
    ]);
  const expected = 'Café owners say “yes” – 40 € raised for the harbour appeal on Saturday.';

  it.each([
    ['declared in the header', { 'content-type': 'text/html; charset=windows-1252' }, ''],
    ['declared in <meta>', { 'content-type': 'text/html' }, '<meta charset="windows-1252">'],
    ['declared nowhere', { 'content-type': 'text/html' }, ''],
    ['mislabelled as UTF-8', { 'content-type': 'text/html; charset=utf-8' }, ''],
  ])('decodes a windows-1252 page %s', async (_case, headers, prefix) => {
    const path = `/cp1252-${encodeURIComponent(_case)}`;
    server.route(path, { headers, body: cp1252(prefix) });
    const article = await fetchArticle(path);
    expect(article.paragraphs[0]).toBe(expected);
  });

  it('decodes a Shift_JIS page and keeps the Japanese paragraphs', async () => {
    // 日本語の記事です。(x 10) encoded as Shift_JIS bytes, built from known code points.
    const sentence = Buffer.from([
      0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x8b, 0x4c, 0x8e, 0x96, 0x82, 0xc5, 0x82, 0xb7, 0x81,
      0x42,
    ]);
    const body = Buffer.concat([
      Buffer.from('<html lang="ja"><body><article><p>'),
      ...Array.from({ length: 10 }, () => sentence),
      Buffer.from('</p></article></body></html>'),
    ]);
    server.route('/sjis', { headers: { 'content-type': 'text/html; charset=Shift_JIS' }, body });
    const article = await fetchArticle('/sjis');
    expect(article.paragraphs).toEqual(['日本語の記事です。'.repeat(10)]);
    expect(article.declaredLanguage).toBe('ja');
  });
});
