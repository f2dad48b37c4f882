import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCommand } from '../../../src/cli/digest-preview.js';
import { loadConfig } from '../../../src/config.js';
import { createDigestService } from '../../../src/digest/index.js';
import { createEngines } from '../../../src/engines/create-engines.js';
import { silentLogger } from '../../../src/logger.js';
import { createBriefService } from '../../../src/service.js';
import { openSqliteStore } from '../../../src/store/open-store.js';
import { recordingIo } from '../../helpers/cli-io.js';
import { startFeedServer, storyParagraphs, type FeedServer } from '../../helpers/feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  const now = Date.now();
  server.setArticle('/a/1', 'Harbour tram approved', storyParagraphs('The harbour tram', 1));
  server.setArticle('/a/2', 'Library hours extended', storyParagraphs('The library plan', 2));
  server.setFeed('/one.xml', {
    title: 'City News',
    items: [
      { guid: '1', title: 'Harbour tram approved', link: server.url('/a/1'), published: now - 3_600_000 },
      { guid: '2', title: 'Library hours extended', link: server.url('/a/2'), published: now - 7_200_000 },
    ],
  });
  server.setRaw('/broken.xml', '<rss version="2.0"><channel><item><title>x</item>', 'text/xml');
});
afterAll(() => server.close());

async function run(argv: string[], tty = false) {
  const config = loadConfig({
    BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}`,
    BRIEF_ENGINE: 'extractive',
  });
  const service = createBriefService({
    config,
    engines: createEngines(config, silentLogger),
    logger: silentLogger,
  });
  const store = openSqliteStore(':memory:');
  const raw: string[] = [];
  const io = { ...recordingIo(), errIsTTY: tty, errRaw: (t: string) => raw.push(t) };
  try {
    const digest = createDigestService({ config, service, store, logger: silentLogger });
    const code = await runDigestCommand(argv, { io, digest });
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), raw: raw.join('') };
  } finally {
    await store.close();
  }
}

describe('brief digest preview', () => {
  it('prints numbered stories with their line and sources, and names failed feeds', async () => {
    const r = await run(['preview', server.url('/one.xml'), server.url('/broken.xml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Digest for \d{4}-\d{2}-\d{2} \(UTC\): 2 stories/);
    expect(r.out).toMatch(/\n1\. Harbour tram approved\n {3}\S/);
    expect(r.out).toMatch(/\n2\. Library hours extended\n/);
    expect(r.out).toContain(`Sources: City News <${server.url('/a/1')}>`);
    expect(r.out).toMatch(/Feeds that failed\n {2}• .*broken\.xml.*malformed/);
    // Not a terminal: plain progress lines, no bar.
    expect(r.err).toContain('brief: fetching feeds: 2/2 done');
    expect(r.raw).toBe('');
  });

  it('draws a progress bar on a terminal and clears it', async () => {
    const r = await run(['preview', server.url('/one.xml')], true);
    expect(r.code).toBe(0);
    expect(r.raw).toContain('] Fetching feeds 1/1');
    expect(r.raw).toContain('] Briefing stories 2/2');
    expect(r.raw.endsWith('\r\u001b[2K')).toBe(true);
    expect(r.err).toBe('');
  });

  it('prints JSON with --json', async () => {
    const r = await run(['preview', '--json', server.url('/one.xml')]);
    const digest = JSON.parse(r.out) as {
      stories: Array<{ headline: string; brief: { keyFacts: unknown[] } }>;
    };
    expect(digest.stories.map((s) => s.headline)).toEqual([
      'Harbour tram approved',
      'Library hours extended',
    ]);
  });

  it('exits 2 for usage mistakes and 3 when no feed could be read', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['preview'])).code).toBe(2);
    expect((await run(['publish', server.url('/one.xml')])).code).toBe(2);
    const bad = await run(['preview', 'not a url']);
    expect(bad).toMatchObject({ code: 3 });
    expect(bad.err).toMatch(/does not look like a web address/);
    const broken = await run(['preview', server.url('/broken.xml')]);
    expect(broken.code).toBe(3);
  });

  it('runs as the installed command', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/brief.js', 'digest', 'preview', server.url('/one.xml')],
      {
        env: {
          ...process.env,
          NO_COLOR: '1',
          BRIEF_FETCH_ALLOW_HOSTS: `127.0.0.1:${server.port}`,
          BRIEF_ENGINE: 'extractive',
        },
      },
    );
    expect(stdout).toMatch(/1\. Harbour tram approved/);
    expect(stderr).toContain('fetching feeds: 1/1 done');
  });
});
