import type { BriefLength, WorkspaceSettings } from '../../../src/store/store.js';
import { ARTICLE_LANGUAGE, type ServerBriefDefaults } from '../../../src/workspace-settings.js';

/** How App Home and the defaults modal name each setting's values (plain text, no markup). */

export const ENGINE_LABELS: Record<ServerBriefDefaults['engine'], string> = {
  auto: 'Automatic (the LLM when the server has one, else extractive)',
  extractive: 'Extractive (offline, quotes the article)',
  llm: 'LLM (abstractive, facts checked against the article)',
};

export const LENGTH_LABELS: Record<BriefLength, string> = {
  short: 'Short',
  standard: 'Standard',
  detailed: 'Detailed',
};

/** The languages the modal offers; codes the LLM prompt names in English (Intl.DisplayNames). */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'ja', 'zh'] as const;

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageLabel(code: string | null): string {
  if (code === null || code === ARTICLE_LANGUAGE) return 'The article’s own language';
  return `${languageName(code)} (${code})`;
}

/** Each setting as shown: the workspace's value, or the server's marked as such. */
export function effectiveLabels(settings: WorkspaceSettings | null, server: ServerBriefDefaults) {
  const serverEngine = `${ENGINE_LABELS[server.engine]} — server default`;
  const engine = settings?.engine
    ? settings.engine === 'llm' && !server.llmConfigured
      ? `${ENGINE_LABELS.llm} — but this server has no LLM, so: ${ENGINE_LABELS.auto}`
      : ENGINE_LABELS[settings.engine]
    : serverEngine;
  const language = settings?.language
    ? languageLabel(settings.language)
    : `${languageLabel(server.language)} — server default`;
  const length = settings?.length
    ? LENGTH_LABELS[settings.length]
    : `${LENGTH_LABELS.standard} — server default`;
  return { engine, language, length };
}
