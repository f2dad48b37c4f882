import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS_DIR, loadPrompts } from '../../src/engines/llm/prompts.js';
import { packageRoot, packageVersion } from '../../src/package-root.js';

describe('package root', () => {
  it('is the directory of brief’s package.json, found from the module itself', () => {
    expect(packageRoot()).toBe(resolve('.'));
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(manifest.name).toBe('brief');
    expect(packageVersion()).toBe(manifest.version);
  });

  it('holds the prompts the LLM engine reads', () => {
    expect(DEFAULT_PROMPTS_DIR).toBe(join(packageRoot(), 'prompts'));
    expect(existsSync(DEFAULT_PROMPTS_DIR)).toBe(true);
    expect(loadPrompts().version).toMatch(/^brief\.v\d+\+[0-9a-f]{8}$/);
  });
});
