#!/usr/bin/env node
// `brief` on the PATH (npm link / npm install -g): run the TypeScript CLI through tsx's loader,
// so the command and `npm run brief` are the same code with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
