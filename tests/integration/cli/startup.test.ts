import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir.js';

/**
 * `brief` as a process, from the build: help and the version come at once, whatever the
 * configuration says, and a command loads only the modules it needs.
 */
const run = promisify(execFile);
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** Runs dist/src/cli.js and returns what it printed and every module URL it imported. */
async function traced(args: string[], env: Record<string, string> = {}) {
  const file = join(tmp.dir, 'imports.txt');
  const result = await run(
    process.execPath,
    ['--import', './tests/helpers/record-imports.mjs', 'dist/src/cli.js', ...args],
    { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', RECORD_IMPORTS_TO: file, ...env } },
  );
  const imports = readFileSync(file, 'utf8').trim().split('\n');
  return { ...result, imports };
}

describe('brief start-up', () => {
  it('prints help with a broken configuration, and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['bin/brief.js', '--help'], {
      env: { ...process.env, BRIEF_ENGINE: 'bogus' },
    });
    expect(stdout).toMatch(/^Usage:\n {2}brief \[options\]/);
  });

  it.each([['--version'], ['-V'], ['-v']])('prints the package version for %s', async (flag) => {
    const { stdout } = await run(process.execPath, ['bin/brief.js', flag], {
      env: { ...process.env, BRIEF_ENGINE: 'bogus' },
    });
    expect(stdout.trim()).toBe(version);
  });

  it('still reports a broken configuration for a real command', async () => {
    const failure = await run(process.execPath, ['bin/brief.js', 'examples/summit-article.txt'], {
      env: { ...process.env, BRIEF_ENGINE: 'bogus' },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/^brief: configuration error\nBRIEF_ENGINE: /);
  });

  it('answers --help without importing any package', async () => {
    const { stdout, imports } = await traced(['--help']);
    expect(stdout).toContain('Usage:');
    expect(imports.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    expect(imports.some((url) => url.endsWith('/dist/src/cli.js'))).toBe(true);
  });

  it('briefs a file with the extractive engine without loading the LLM client or SQLite', async () => {
    const { stdout, imports } = await traced(['examples/summit-article.txt']);
    expect(stdout).toMatch(/^Kim Jong-un and Vladimir Putin/);
    const packages = imports.join('\n');
    expect(packages).toContain('/dist/src/engines/extractive/');
    // The lexicon is generated data (lexicon-data.ts): compromise itself is never loaded.
    expect(packages).not.toMatch(/\/node_modules\/(compromise|openai|gpt-tokenizer|better-sqlite3)\//);
  });

  it('extracts a page without loading an engine, the LLM client or SQLite', async () => {
    const { stdout, imports } = await traced(['extract', 'tests/fixtures/ingest/news-page.html']);
    expect(JSON.parse(stdout)).toMatchObject({ extraction: { status: 'ok' } });
    const packages = imports.join('\n');
    expect(packages).toContain('/node_modules/linkedom/');
    expect(packages).not.toMatch(/\/node_modules\/(compromise|openai|gpt-tokenizer|better-sqlite3)\//);
  });
});
