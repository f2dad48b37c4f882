// The build: every .ts file under src/ and adapters/ transpiled one-to-one into dist/ with esbuild
// (ESM, node20, source maps), keeping the tree (dist/src/cli.js, dist/src/main.js, dist/adapters/...).
// Type checking stays with `npm run typecheck`; this only strips types, which takes well under a
// second, so bin/brief.js and `npm start` can rebuild on their own when a source changed.
//
//   node scripts/build.mjs             build now
//   node scripts/build.mjs --if-stale  build only when a source is newer than the last build
//
// Plain JavaScript on purpose: it must run before anything is compiled, with node alone.
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['src', 'adapters'];
// The stamp's mtime is the moment the last build started: a source saved during a build is newer,
// so the next check builds again.
const STAMP = '.build-stamp';

/** Every .ts file under src/ and adapters/, as paths relative to the root. */
function sources(root) {
  const found = [];
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
      }
    }
  }
  return found;
}

/**
 * True when dist/ is missing or older than a source, or than this script. A deleted or renamed
 * source changes its directory's mtime, so directories count too. About 200 stats: a few ms.
 */
export function isStale(root = ROOT) {
  let built;
  try {
    built = statSync(join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return true;
  }
  const paths = [fileURLToPath(import.meta.url)];
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    paths.push(join(root, dir));
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory() || entry.name.endsWith('.ts'))
        paths.push(join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return paths.some((path) => statSync(path).mtimeMs > built);
}

/** Whether esbuild can be loaded: not in a production install pruned of dev dependencies. */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/**
 * Builds into a fresh directory and swaps it in, so a process that starts while another one
 * builds never imports a half-written dist/. Returns the time taken in ms.
 */
export async function build(root = ROOT, esbuild) {
  const started = Date.now();
  esbuild ??= await loadEsbuild();
  if (!esbuild)
    throw new Error('esbuild is not installed: run `npm install` (with dev dependencies) to build.');
  const next = join(root, `.dist-${process.pid}-${started}`);
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: sources(root),
      outdir: next,
      outbase: '.',
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      // Stack traces need only the mapping; the sources stay in the repository.
      sourcesContent: false,
      logLevel: 'warning',
    });
    writeFileSync(join(next, STAMP), '');
    utimesSync(join(next, STAMP), started / 1000, started / 1000);
    const old = join(root, `.dist-old-${process.pid}-${started}`);
    const dist = join(root, 'dist');
    try {
      renameSync(dist, old);
    } catch (err) {
      // No dist/ yet, or another process is swapping it right now.
      if (err.code !== 'ENOENT') throw err;
    }
    try {
      renameSync(next, dist);
    } catch (err) {
      // Another process swapped in its build between our two renames: theirs is as new as ours.
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
  return Date.now() - started;
}

/**
 * What bin/brief.js and `npm start` call before running dist/: rebuilds when a source is newer,
 * saying so on stderr in one line. Without esbuild (a production install pruned of dev
 * dependencies) an existing dist/ is run as it is.
 */
export async function ensureBuilt(root = ROOT, log = (line) => process.stderr.write(`${line}\n`)) {
  if (!isStale(root)) return 'fresh';
  const esbuild = await loadEsbuild();
  const hasDist = existsSync(join(root, 'dist', 'src'));
  if (!esbuild) {
    if (!hasDist) {
      throw new Error(
        'dist/ is missing and esbuild is not installed: run `npm install`, then `npm run build`.',
      );
    }
    log('brief: the sources are newer than dist/, but esbuild is not installed: running the existing build.');
    return 'stale';
  }
  log(hasDist ? 'brief: sources changed, rebuilding dist/' : 'brief: building dist/');
  await build(root, esbuild);
  return 'built';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  const prepare = process.argv.includes('--prepare');
  try {
    if (ifStale) {
      await ensureBuilt();
    } else if (prepare && !(await loadEsbuild())) {
      // `npm ci --omit=dev` runs `prepare` too; without dev dependencies there is nothing to build
      // with, and a dist/ must come from a full install (see README: "Build and run in production").
      process.stderr.write(
        'brief: esbuild is not installed (dev dependencies omitted): not building dist/.\n',
      );
    } else {
      const ms = await build();
      process.stderr.write(`brief: built dist/ in ${ms} ms\n`);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
