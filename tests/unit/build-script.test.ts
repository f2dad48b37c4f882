import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, ensureBuilt, isStale } from '../../scripts/build.mjs';
import { makeTempDir } from '../helpers/temp-dir.js';

/** scripts/build.mjs on a small tree of its own: what bin/brief.js and npm start rely on. */
let tmp: ReturnType<typeof makeTempDir>;
const file = (path: string) => join(tmp.dir, path);
const ageAll = (paths: string[], secondsAgo: number) => {
  const t = Date.now() / 1000 - secondsAgo;
  for (const p of paths) utimesSync(file(p), t, t);
};

beforeEach(() => {
  tmp = makeTempDir();
  mkdirSync(file('src/cli'), { recursive: true });
  mkdirSync(file('adapters/slack'), { recursive: true });
  writeFileSync(file('src/cli/help.ts'), "export const HELP: string = 'one';\n");
  writeFileSync(
    file('adapters/slack/start.ts'),
    "import { HELP } from '../../src/cli/help.js';\nexport const x = HELP;\n",
  );
  // Sources older than any build made below.
  ageAll(['src/cli/help.ts', 'adapters/slack/start.ts', 'src/cli', 'src', 'adapters/slack', 'adapters'], 60);
});
afterEach(() => tmp.cleanup());

describe('build script', () => {
  it('transpiles src/ and adapters/ one-to-one into dist/, with source maps', async () => {
    await build(tmp.dir);
    expect(readFileSync(file('dist/src/cli/help.js'), 'utf8')).toContain('const HELP = "one"');
    expect(readFileSync(file('dist/adapters/slack/start.js'), 'utf8')).toContain('../../src/cli/help.js');
    expect(readFileSync(file('dist/src/cli/help.js.map'), 'utf8')).toContain('help.ts');
    expect(isStale(tmp.dir)).toBe(false);
  });

  it('is stale without a build, after an edit and after a new file, and rebuilds then', async () => {
    expect(isStale(tmp.dir)).toBe(true);
    await build(tmp.dir);
    writeFileSync(file('src/cli/help.ts'), "export const HELP: string = 'two';\n");
    expect(isStale(tmp.dir)).toBe(true);

    const lines: string[] = [];
    expect(await ensureBuilt(tmp.dir, (line) => lines.push(line))).toBe('built');
    expect(lines).toEqual(['brief: sources changed, rebuilding dist/']);
    expect(readFileSync(file('dist/src/cli/help.js'), 'utf8')).toContain('"two"');
    expect(await ensureBuilt(tmp.dir, (line) => lines.push(line))).toBe('fresh');
    expect(lines).toHaveLength(1);

    ageAll(['src/cli/help.ts'], 60);
    writeFileSync(file('src/cli/new.ts'), 'export const y = 1;\n');
    expect(isStale(tmp.dir)).toBe(true);
    await ensureBuilt(tmp.dir, () => undefined);
    expect(readFileSync(file('dist/src/cli/new.js'), 'utf8')).toContain('y = 1');
  });
});
