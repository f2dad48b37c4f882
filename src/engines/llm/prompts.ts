import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** Bump with a new pair of files in prompts/ (see prompts/README.md). */
export const PROMPT_VERSION = 'brief.v1';

/** prompts/ at the package root: the same directory from src/ (tsx) and from dist/src/ (the build). */
export const DEFAULT_PROMPTS_DIR = join(packageRoot(), 'prompts');

export interface PromptTemplates {
  /** PROMPT_VERSION plus a hash of both files: part of the cache key, so any edit invalidates. */
  version: string;
  system: string;
  user: string;
}

const REQUIRED: Record<'system' | 'user', string[]> = {
  system: ['language'],
  user: ['title', 'article', 'partial_note'],
};

/** Reads the templates once (the engine factory calls this at start-up) and checks their placeholders. */
export function loadPrompts(
  dir: string = DEFAULT_PROMPTS_DIR,
  version: string = PROMPT_VERSION,
): PromptTemplates {
  const read = (part: 'system' | 'user') => {
    const text = readFileSync(join(dir, `${version}.${part}.md`), 'utf8');
    for (const name of REQUIRED[part]) {
      if (!text.includes(`{{${name}}}`)) throw new Error(`prompt ${version}.${part}.md lacks {{${name}}}`);
    }
    return text;
  };
  const system = read('system');
  const user = read('user');
  const hash = createHash('sha256').update(system).update('\0').update(user).digest('hex').slice(0, 8);
  return { version: `${version}+${hash}`, system, user };
}

/**
 * Fills `{{name}}` placeholders in one pass: inserted values are never scanned again, so an
 * article that contains "{{language}}" cannot inject into the template.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([a-z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for prompt placeholder {{${name}}}`);
    return value;
  });
}

/**
 * Makes untrusted text unable to open or close our tags: "<article>", "</article_title >",
 * "< /ARTICLE" all lose their "<". Nothing else changes, so quotes stay verbatim almost always.
 */
export function escapeUntrusted(text: string): string {
  return text.replace(/<(\s*\/?\s*article)/gi, '&lt;$1');
}
