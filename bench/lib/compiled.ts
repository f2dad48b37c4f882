/**
 * The compiled CLI the speed bench runs: dist/src/cli.js, rebuilt first by the project's own
 * build (scripts/build.mjs) when a source is newer than it, as bin/brief.js does.
 */
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build.mjs';
import { REPO_ROOT } from './dataset.js';

export const COMPILED_CLI = join(REPO_ROOT, 'dist', 'src', 'cli.js');

/** Builds dist/ when needed; says what it did. */
export async function ensureCompiled(): Promise<string> {
  const state = await ensureBuilt(REPO_ROOT, () => undefined);
  return state === 'built'
    ? 'rebuilt by scripts/build.mjs'
    : state === 'fresh'
      ? 'dist/ was up to date'
      : 'sources newer than dist/, but esbuild is missing: ran the old build';
}
