import { ensureBuilt } from '../scripts/build.mjs';

/**
 * Tests that start processes (the CLI, npm start) run the build in dist/, as users do: build it
 * once before any test file runs when a source is newer, so those processes never each rebuild,
 * or race to, in the middle of the run.
 */
export default async function setup(): Promise<void> {
  await ensureBuilt(undefined, (line) => console.log(line));
}
