import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../../scripts/build.mjs';

/**
 * The compiled brief worker (dist/src/service-worker.js), rebuilt first if a source changed (as in
 * watch mode). Under vitest a worker would otherwise load the sources through tsx, which takes
 * seconds per thread on a busy machine; the build is the code production runs anyway.
 */
export async function builtWorkerEntry(): Promise<URL> {
  await ensureBuilt(ROOT, () => undefined);
  return pathToFileURL(`${ROOT}/dist/src/service-worker.js`);
}
