import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../../src/brief.js';
import { runCli } from '../../../src/cli/run.js';
import { loadConfig } from '../../../src/config.js';
import { createEngines } from '../../../src/engines/create-engines.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { startArticleServer, type ArticleServer } from '../../helpers/article-server.js';
import { recordingIo } from '../../helpers/cli-io.js';

const SAMPLE = 'examples/summit-article.txt';
const sampleHtml = `<!doctype html><html lang="en"><head><title>Summit in the Far East | Example News</title>
<meta property="og:site_name" content="Example News"></head><body><nav>Home | World</nav><article>
<h1>Summit in the Far East</h1><p>North Korean leader Kim Jong-un and Russian President Vladimir Putin met on Wednesday at the Vostochny Cosmodrome in Russia's Amur region, state media reported.</p>
<p>The talks are watched for signs that Kim might supply munitions for Russia's war in Ukraine, now in its 19th month.</p>
<p>Kim travelled to Russia aboard his armoured train, leaving Pyongyang on Sunday afternoon.</p>
<p>Kremlin spokesperson Dmitry Peskov said the leaders would discuss trade and cooperation in sensitive spheres.</p>
<p>North Korea wants Russian parts for its Soviet-era aircraft and help with its nuclear and missile programmes.</p>
</article></body></html>`;

let server: ArticleServer;
beforeAll(async () => {
  server = await startArticleServer({ '/story': { body: sampleHtml } });
});
afterAll(async () => server.close());

async function run(argv: string[], stdin = '') {
  const config = loadConfig({ BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}` });
  const service = createBriefService({
    config,
    engines: createEngines(config, silentLogger),
    logger: silentLogger,
  });
  const io = recordingIo(stdin);
  const code = await runCli(argv, {
    io,
    service,
    version: '0.0.0-test',
    maxInputBytes: config.fetch.maxBytes,
  });
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('brief command', () => {
  it('briefs the bundled sample article as text', async () => {
    const { code, out, err } = await run([SAMPLE]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Kim Jong-un and Vladimir Putin Meet Amidst Growing Arms Deal Speculation/);
    expect(out).toContain('Key facts');
    expect(out).toContain('Vostochny Cosmodrome');
    expect(out).toContain('extractive');
  });

  it('prints a schema-valid Brief as JSON', async () => {
    const { code, out } = await run(['--format', 'json', SAMPLE]);
    expect(code).toBe(0);
    const brief = BriefSchema.parse(JSON.parse(out));
    expect(brief.entities.people).toEqual(expect.arrayContaining(['Kim Jong-un', 'Vladimir Putin']));
    expect(brief.keyFacts.length).toBeGreaterThanOrEqual(3);
  });

  it('prints markdown', async () => {
    const { code, out } = await run(['-f', 'markdown', SAMPLE]);
    expect(code).toBe(0);
    expect(out).toMatch(/^## Kim Jong-un and Vladimir Putin/);
    expect(out).toContain('**Key facts**');
  });

  it('briefs a URL from a (allow-listed) web server, with the page metadata', async () => {
    const { code, out } = await run(['-f', 'json', server.url('/story')]);
    expect(code).toBe(0);
    const brief = BriefSchema.parse(JSON.parse(out));
    expect(brief.headline).toBe('Summit in the Far East');
    expect(brief.source.siteName).toBe('Example News');
    expect(brief.source.url).toBe(server.url('/story'));
  });

  it('reads stdin for "-"', async () => {
    const { code, out } = await run(['-f', 'json', '-'], sampleHtml);
    expect(code).toBe(0);
    expect(BriefSchema.parse(JSON.parse(out)).headline).toBe('Summit in the Far East');
  });

  it.each([
    [['http://169.254.169.254/latest/meta-data'], /private or reserved address/],
    [['ftp://example.com/story'], /http/i],
    [['no-such-file.txt'], /no file named/i],
    [['--text', '   '], /no text to brief/i],
    [['--engine', 'llm', SAMPLE], /not configured/],
  ])('exits 3 with one clear line for %j', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(3);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it('exits 2 on a usage error', async () => {
    const { code, err } = await run(['--format', 'yaml', SAMPLE]);
    expect(code).toBe(2);
    expect(err).toMatch(/--format must be one of/);
  });
});

describe('brief --jsonl (batch)', () => {
  it('briefs every good line with its id and reports bad lines without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-batch-'));
    const file = join(dir, 'in.jsonl');
    const story =
      'The council approved the budget on Monday. It adds 40 buses. Fares stay at $2. The mayor signed it.';
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', article: story }),
        '{not json',
        JSON.stringify({ id: 'b' }),
        JSON.stringify({ id: 'c', article: '  ' }),
        '',
        JSON.stringify({ id: 7, article: 'One lonely sentence about a cat.' }),
      ].join('\n'),
    );
    const { code, out, err } = await run(['--jsonl', file]);
    const lines = out
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; summary: string[]; keyFacts: unknown[] });
    expect(lines.map((l) => l.id)).toEqual(['a', 7]);
    expect(lines[1]?.summary).toEqual(['One lonely sentence about a cat.']);
    expect(lines[1]?.keyFacts).toEqual([]);
    expect(err).toMatch(/line 2: not valid JSON/);
    expect(err).toMatch(/line 3 \(id "b"\)/);
    expect(err).toMatch(/line 4 \(id "c"\): There is no text/);
    expect(code).toBe(3);
  });
});

describe('the installed command', () => {
  it('runs the quick start from the README in a real process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/brief.js', SAMPLE], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toMatch(/^Kim Jong-un and Vladimir Putin/);
    expect(stdout).toContain('2 min read');
  });

  it('exits 2 with usage on stderr for bad arguments', async () => {
    const result = await promisify(execFile)(process.execPath, ['bin/brief.js'], {}).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toMatch(/Give a URL/);
  });
});
