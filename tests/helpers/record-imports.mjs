// `node --import ./tests/helpers/record-imports.mjs ...` with RECORD_IMPORTS_TO=<file>: appends the
// URL of every module the process imports to that file, one a line, so a test can tell what a
// command loaded (tests/integration/cli/startup.test.ts).
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_IMPORTS_TO } });
