// Module hooks for record-imports.mjs. They run on the loader's own thread, so they write each
// URL to the file synchronously instead of messaging back: nothing is lost when the process exits.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (file) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
