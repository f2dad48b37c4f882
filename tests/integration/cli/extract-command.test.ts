import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExtractCommand, type Extracted } from '../../../src/cli/extract.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { recordingIo } from '../../helpers/cli-io.js';

const NEWS_PAGE = 'tests/fixtures/ingest/news-page.html';
const germanHtml = readFileSync('tests/fixtures/ingest/german-article.html', 'utf8');

let server: ArticleServer;
beforeAll(async () => {
  server = await startArticleServer({
    '/bruecke': { body: germanHtml },
    '/gone': { status: 404, body: 'nope', headers: { 'content-type': 'text/plain' } },
  });
});
afterAll(async () => server.close());

async function run(argv: string[], stdin = '') {
  const config = loadConfig({ BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}` });
  const io = recordingIo(stdin);
  const code = await runExtractCommand(argv, {
    io,
    ingest: { policy: config.fetch, logger: silentLogger },
    maxInputBytes: config.fetch.maxBytes,
  });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('brief extract', () => {
  it('prints metadata, languages, verdict and paragraphs of a file as JSON', async () => {
    const { code, out, err } = await run([NEWS_PAGE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const x = JSON.parse(out) as Extracted;
    expect(x).toMatchObject({
      title: 'Harbour town votes to rebuild its flooded sea wall',
      byline: 'Mara Quill',
      siteName: 'The Coastal Courier',
      publishedTime: '2024-03-05T08:30:00.000Z',
      declaredLanguage: 'en-GB',
      detectedLanguage: 'en',
      extraction: { status: 'ok' },
    });
    expect(x.paragraphs[0]).toMatch(/^Councillors in the harbour town of Saltmere/);
    expect(x.words).toBeGreaterThan(200);
  });

  it('prints the text alone with --format text', async () => {
    const { code, out } = await run(['--format', 'text', NEWS_PAGE]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Councillors in the harbour town of Saltmere.*\n\nThe old wall, built in 1952/s);
    expect(out).not.toContain('{');
  });

  it('reads a URL, with the declared and the detected language', async () => {
    const { code, out } = await run([server.url('/bruecke')]);
    expect(code).toBe(0);
    const x = JSON.parse(out) as Extracted;
    expect(x.url).toBe(server.url('/bruecke'));
    expect(x).toMatchObject({ declaredLanguage: 'de', detectedLanguage: 'de' });
  });

  it('reads stdin', async () => {
    const { code, out } = await run(['-f', 'text', '-'], 'A short note.\n\nIt has two paragraphs.');
    expect(code).toBe(0);
    expect(out).toBe('A short note.\n\nIt has two paragraphs.');
  });

  it('exits 3 with one clear line when the page cannot be fetched', async () => {
    const { code, out, err } = await run([server.url('/gone')]);
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^brief: /);
  });

  it.each([[[]], [['--format', 'xml', NEWS_PAGE]], [['a.html', 'b.html']], [['--jsonl', 'x', '-f', 'text']]])(
    'exits 2 on a usage error (%j)',
    async (argv) => {
      const { code, err } = await run(argv);
      expect(code).toBe(2);
      expect(err).toContain('brief extract --help');
    },
  );

  it('prints its help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage:\n {2}brief extract/);
  });
});

describe('brief extract --jsonl', () => {
  it('writes one object per line with its id, goes on past a bad line and exits 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-extract-'));
    const file = join(dir, 'in.jsonl');
    const lines = [
      { id: 'url', url: server.url('/bruecke') },
      { id: 7, html: readFileSync(NEWS_PAGE, 'utf8') },
      { id: 'text', article: 'Pasted text.\n\nSecond paragraph.' },
      { id: 'empty', html: '<p>Hi.</p>' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n');
    const { code, out, err } = await run(['--jsonl', file]);
    expect(code).toBe(3);
    const objects = out.split('\n').map((l) => JSON.parse(l) as Extracted & { id: string | number });
    expect(objects.map((o) => o.id)).toEqual(['url', 7, 'text']);
    expect(objects[0]).toMatchObject({ detectedLanguage: 'de' });
    expect(objects[1]).toMatchObject({ title: 'Harbour town votes to rebuild its flooded sea wall' });
    expect(objects[2]?.paragraphs).toEqual(['Pasted text.', 'Second paragraph.']);
    expect(err).toContain('line 4 (id "empty")');
    expect(err).toContain('line 5: not valid JSON');
  });

  it('exits 0 when every line was read', async () => {
    const { code, out } = await run(['--jsonl', '-'], JSON.stringify({ id: 1, article: 'One line.' }));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ id: 1, paragraphs: ['One line.'] });
  });
});

describe('the brief binary', () => {
  it('runs `brief extract` as a subcommand', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/brief.js', 'extract', NEWS_PAGE]);
    expect(JSON.parse(stdout)).toMatchObject({
      siteName: 'The Coastal Courier',
      extraction: { status: 'ok' },
    });
  });
});
