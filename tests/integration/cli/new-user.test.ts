import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../../src/brief.js';
import { runCli } from '../../../src/cli/run.js';
import { schemelessUrl } from '../../../src/cli/target.js';
import { loadConfig } from '../../../src/config.js';
import { createEngines } from '../../../src/engines/create-engines.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { recordingIo } from '../../helpers/cli-io.js';

/** What a new user hits with the `brief` command (issue 13, "Smaller things users hit"). */
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const story =
  'The Harbor Bridge reopened to traffic on Monday after eight months of repairs, the city said. ' +
  'The work cost $42 million, two million less than planned. ' +
  'About 60,000 vehicles cross the bridge every day, according to the planning council. ' +
  'Cyclists get a separate lane for the first time, a change residents asked for in 2021.';

let server: ArticleServer;
/** Host names the service was asked to resolve: a scheme-less name must never reach it. */
const resolved: string[] = [];
beforeAll(async () => {
  server = await startArticleServer({
    '/world': { body: fixture('listing-page.html'), headers: { 'content-type': 'text/html' } },
    '/check': { body: fixture('bot-check.html'), headers: { 'content-type': 'text/html' } },
    '/teaser': { body: fixture('paywall-teaser.html'), headers: { 'content-type': 'text/html' } },
  });
});
afterAll(async () => server.close());

async function run(argv: string[]) {
  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}`,
    BRIEF_ENGINE: 'extractive',
  });
  const service = createBriefService({
    config,
    engines: createEngines(config, silentLogger),
    logger: silentLogger,
    resolve: async (host) => {
      resolved.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    },
  });
  const io = recordingIo();
  const code = await runCli(argv, { io, service, version: '0', maxInputBytes: config.fetch.maxBytes });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('a page that is not an article', () => {
  it.each([
    ['/world', /does not look like an article/, 'unsupported'],
    ['/check', /bot check/, 'blocked'],
  ])('%s exits 3 with one line, and briefs with --force', async (path, message, status) => {
    const refused = await run(['-f', 'json', server.url(path)]);
    expect(refused.code).toBe(3);
    expect(refused.out).toBe('');
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(message);
    expect(refused.err).toContain('--force');

    const forced = await run(['-f', 'json', '--force', server.url(path)]);
    expect(forced.code).toBe(0);
    expect(BriefSchema.parse(JSON.parse(forced.out)).extraction.status).toBe(status);
  });

  it('still briefs a paywall teaser, which says it is one', async () => {
    const { code, out } = await run(['-f', 'json', server.url('/teaser')]);
    expect(code).toBe(0);
    expect(BriefSchema.parse(JSON.parse(out)).extraction.status).toBe('paywalled');
  });
});

describe('a web address without https://', () => {
  it('says to add https:// when no such file exists, and fetches nothing', async () => {
    const before = server.requests.length;
    const { code, out, err } = await run(['example.com/news/story']);
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err).toBe(
      'brief: There is no file named "example.com/news/story". To brief the web page, add https:// (brief https://example.com/news/story).',
    );
    expect(server.requests.length).toBe(before);
    expect(resolved).not.toContain('example.com');
  });

  it('keeps the plain message for a missing file that is no web address', async () => {
    const { code, err } = await run(['notes.md']);
    expect(code).toBe(3);
    expect(err).toMatch(/no file named "notes\.md"/);
    expect(err).not.toContain('https://');
  });

  it.each([
    ['example.com/news/story', 'https://example.com/news/story'],
    ['www.news.example.co.uk/a?b=1', 'https://www.news.example.co.uk/a?b=1'],
    ['example.com', 'https://example.com'],
    ['news.example:8080/x', 'https://news.example:8080/x'],
    ['story.html', null],
    ['notes.md', null],
    ['./example.com/x', null],
    ['/tmp/example.com/x', null],
    ['data/story.txt', null],
    ['192.168.1.1/admin', null],
    ['two words.com/x', null],
  ])('%s looks like %s', (arg, url) => {
    expect(schemelessUrl(arg)).toBe(url);
  });
});

describe('brief --jsonl lines with a url and the text', () => {
  it('briefs the text with the url as its source, fetching only a url given alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-jsonl-'));
    const file = join(dir, 'in.jsonl');
    const archived = 'https://archive.example/2026/bridge';
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'text', article: story, url: archived }),
        JSON.stringify({
          id: 'html',
          html: `<html><body><article><h1>Bridge reopens</h1><p>${story}</p></article></body></html>`,
          url: archived,
        }),
        JSON.stringify({ id: 'both', article: story, html: '<p>x</p>' }),
        JSON.stringify({ id: 'bad-url', article: story, url: 'javascript:alert(1)' }),
        JSON.stringify({ id: 'listing', url: server.url('/world') }),
      ].join('\n'),
    );
    const before = server.requests.length;
    const { code, out, err } = await run(['--jsonl', file]);
    const lines = out.split('\n').map((l) => JSON.parse(l) as { id: string } & Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['text', 'html']);
    const [text, html] = lines.map((l) => BriefSchema.parse({ ...l, id: undefined }));
    expect(text?.source.url).toBe(archived);
    expect(text?.source.siteName).toBe('archive.example');
    expect(text?.headline).toMatch(/^The Harbor Bridge reopened/);
    expect(html?.source.url).toBe(archived);
    expect(html?.headline).toBe('Bridge reopens');
    // Nothing was fetched for the text lines; the url-only line was (and was refused).
    expect(resolved).not.toContain('archive.example');
    expect(server.requests.length).toBe(before + 1);
    expect(err).toMatch(/line 3 \(id "both"\): give "article" or "html", not both/);
    expect(err).toMatch(/line 4 \(id "bad-url"\): .*http/);
    expect(err).toMatch(/line 5 \(id "listing"\): This page does not look like an article.*--force/);
    expect(code).toBe(3);

    const forced = await run(['--jsonl', file, '--force']);
    expect(forced.out.split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([
      'text',
      'html',
      'listing',
    ]);
  });
});
