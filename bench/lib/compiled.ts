/**
 * The compiled CLI the speed bench runs: dist/src/cli.js, built first when it is missing or older
 * than any source file. `npm run build` when package.json defines it; otherwise a one-to-one
 * esbuild transpile of src/ and adapters/ into dist/ (the same layout), plus a copy of
 * package.json at dist/ so that the compiled CLI, which reads ../package.json for its version,
 * finds one until the package-root lookup of the build lands.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './dataset.js';

export const COMPILED_CLI = join(REPO_ROOT, 'dist', 'src', 'cli.js');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Builds dist/ when needed; says what it ran (or that the build was fresh). */
export async function ensureCompiled(): Promise<string> {
  const files = [...sources(join(REPO_ROOT, 'src')), ...sources(join(REPO_ROOT, 'adapters'))];
  const newest = Math.max(
    ...files.map((f) => statSync(f).mtimeMs),
    statSync(join(REPO_ROOT, 'package.json')).mtimeMs,
  );
  if (existsSync(COMPILED_CLI) && statSync(COMPILED_CLI).mtimeMs >= newest) return 'dist/ was up to date';
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (pkg.scripts?.build) {
    execFileSync('npm', ['run', '--silent', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return 'built with npm run build';
  }
  const { build } = await import('esbuild');
  await build({
    entryPoints: files.map((f) => relative(REPO_ROOT, f)),
    absWorkingDir: REPO_ROOT,
    outdir: 'dist',
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  copyFileSync(join(REPO_ROOT, 'package.json'), join(REPO_ROOT, 'dist', 'package.json'));
  return 'built with esbuild (no build script yet; package.json copied to dist/)';
}
