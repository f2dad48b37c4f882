import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files read at run time (prompts/, package.json) live at the package root. This module runs from
 * src/ under tsx and vitest and from dist/src/ in the build, at different depths, so the root is
 * found by walking up to our own package.json rather than by a fixed relative path.
 */
const PACKAGE_NAME = 'brief';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      cached = { root: dir, version: String(manifest.version) };
      return cached;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`package.json of "${PACKAGE_NAME}" not found above ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch (err) {
    // No package.json at this level: keep walking up. Anything else (unreadable, broken JSON) is
    // a broken install and should say so.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The absolute path of the package root (the directory of brief's package.json). */
export function packageRoot(): string {
  return find().root;
}

/** The version in brief's package.json. */
export function packageVersion(): string {
  return find().version;
}
