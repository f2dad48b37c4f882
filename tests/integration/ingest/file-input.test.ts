import { mkdtemp, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../../src/errors.js';
import { ingestFile, ingestStream } from '../../../src/ingest/index.js';
import { expectBriefError } from '../../helpers/brief-error.js';

const limits = { maxBytes: 5 * 1024 * 1024 };
const paragraphs = [
  'The city council approved a plan on Tuesday to plant ten thousand trees along its main roads over the next five years.',
  'Officials said the trees would cool streets in summer and soak up rain during storms, easing pressure on the drains.',
];
let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brief-ingest-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (err instanceof BriefError) return err.code;
    throw err;
  }
}

describe('reading files', () => {
  it('reads a .txt file: title line and paragraphs', async () => {
    await writeFile(path('trees.txt'), `City to plant ten thousand trees\n\n${paragraphs.join('\n\n')}\n`);
    const article = await ingestFile(path('trees.txt'), limits);
    expect(article.title).toBe('City to plant ten thousand trees');
    expect(article.paragraphs).toEqual(paragraphs);
  });

  it('reads a .md file as Markdown', async () => {
    await writeFile(
      path('trees.md'),
      `# City to plant *trees*\n\n${paragraphs.map((p) => `**${p}**`).join('\n\n')}`,
    );
    const article = await ingestFile(path('trees.md'), limits);
    expect(article.title).toBe('City to plant trees');
    expect(article.paragraphs).toEqual(paragraphs);
  });

  it('reads an .html file as HTML, with its declared charset', async () => {
    const html = `<html><head><meta charset="windows-1252"><title>Caf\xe9 trees</title></head><body><nav>Home</nav>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('')}</body></html>`;
    await writeFile(path('trees.html'), Buffer.from(html, 'latin1'));
    const article = await ingestFile(path('trees.html'), limits);
    expect(article.title).toBe('Café trees');
    expect(article.paragraphs).toEqual(paragraphs);
    expect(article.url).toBeNull();
  });

  it('sniffs HTML in a file with another extension', async () => {
    await writeFile(
      path('saved-page'),
      `<!DOCTYPE html><html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
    );
    expect((await ingestFile(path('saved-page'), limits)).paragraphs).toEqual(paragraphs);
  });

  it('reads a UTF-16 text file with a byte order mark', async () => {
    await writeFile(
      path('utf16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(paragraphs.join('\n\n'), 'utf16le')]),
    );
    expect((await ingestFile(path('utf16.txt'), limits)).paragraphs).toEqual(paragraphs);
  });

  it('refuses a 50 MB file at once, from its size, without reading it', async () => {
    await writeFile(path('huge.txt'), '');
    await truncate(path('huge.txt'), 50 * 1024 * 1024); // sparse: instant to create
    const started = performance.now();
    const refusal = expectBriefError(ingestFile(path('huge.txt'), limits), 'input_too_large');
    const err = await refusal;
    expect(performance.now() - started).toBeLessThan(200);
    expect(err.userMessage).toMatch(/^That input is 50\.0 MiB; the limit is 5\.0 MiB/);
  });

  it.each([
    ['a PNG image', 'photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['a PDF', 'paper.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')],
    ['random binary', 'data.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['a zip renamed .md', 'notes.md', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])],
  ])('refuses %s as not_article', async (_what, name, bytes) => {
    await writeFile(path(name), bytes);
    expect(await codeOf(ingestFile(path(name), limits))).toBe('not_article');
  });

  it.each([
    ['empty', ''],
    ['whitespace-only', ' \n\t\r\n  \n'],
  ])('refuses an %s file as empty_input', async (what, content) => {
    await writeFile(path(`${what}.txt`), content);
    expect(await codeOf(ingestFile(path(`${what}.txt`), limits))).toBe('empty_input');
  });

  it('reports a missing file and a folder as file_unreadable, naming them', async () => {
    await expectBriefError(
      ingestFile(path('nope.txt'), limits),
      'file_unreadable',
      'There is no file named "nope.txt". Check the path.',
    );
    await mkdir(path('folder.txt'));
    await expectBriefError(ingestFile(path('folder.txt'), limits), 'file_unreadable', /is a folder/);
  });

  it('refuses HTML with no article with no_content', async () => {
    await writeFile(path('empty.html'), '<html><body><nav><a href="/">Home</a></nav></body></html>');
    expect(await codeOf(ingestFile(path('empty.html'), limits))).toBe('no_content');
  });
});

describe('reading streams (stdin)', () => {
  it('reads text from a stream', async () => {
    const article = await ingestStream(
      Readable.from([
        Buffer.from(paragraphs[0] ?? ''),
        Buffer.from('\n\n'),
        Buffer.from(paragraphs[1] ?? ''),
      ]),
      limits,
    );
    expect(article.paragraphs).toEqual(paragraphs);
  });

  it('stops reading an endless stream at the cap', async () => {
    let chunks = 0;
    async function* endless() {
      for (;;) {
        chunks++;
        yield Buffer.alloc(64 * 1024, 'a');
      }
    }
    expect(await codeOf(ingestStream(endless(), { maxBytes: 1024 * 1024 }))).toBe('input_too_large');
    expect(chunks).toBe(17);
  });

  it('refuses binary on stdin', async () => {
    expect(await codeOf(ingestStream(Readable.from([Buffer.from([0, 1, 2, 3, 0, 0])]), limits))).toBe(
      'not_article',
    );
  });
});
