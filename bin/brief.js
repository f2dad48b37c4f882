#!/usr/bin/env node
// `brief` (npm run brief, npm link): the compiled CLI in dist/, run by plain node. In a development
// checkout (scripts/ and src/ present) dist/ is first rebuilt when a source is newer than it: an
// mtime check of a few ms, and a rebuild of well under a second when something changed. A
// production install or image without the sources runs dist/ directly.
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
if (existsSync(new URL('scripts/build.mjs', root)) && existsSync(new URL('src/', root))) {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  try {
    await ensureBuilt();
  } catch (err) {
    process.stderr.write(`brief: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
await import('../dist/src/cli.js');
