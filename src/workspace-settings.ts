import type { ChannelRef } from './digest/types.js';
import type { Logger } from './logger.js';
import type { BriefRequestOptions } from './service.js';
import type { BriefLength, WorkspaceStore } from './store/store.js';

/**
 * A workspace's defaults (App Home's "Edit defaults": engine, summary language, brief length) as
 * the options of the briefs made for it: commands, mentions and digests alike. Per-channel
 * settings can later be read first and fall back to these.
 */
export type WorkspaceBriefOptions = Pick<BriefRequestOptions, 'engine' | 'language'> & {
  /**
   * short | standard | detailed. Stored, edited and passed with every request; the engines read
   * BriefRequestOptions.length once length presets land there (the `ranker` work).
   */
  length?: BriefLength;
};

export type BriefOptionsFor = (channel: ChannelRef) => Promise<WorkspaceBriefOptions>;

export function workspaceBriefOptions(deps: {
  store: Pick<WorkspaceStore, 'getWorkspaceSettings'>;
  /** Whether an LLM is configured: a workspace's "llm" default falls back to auto without one. */
  llmConfigured: boolean;
  logger: Logger;
}): BriefOptionsFor {
  return async (channel) => {
    let settings;
    try {
      settings = await deps.store.getWorkspaceSettings({
        platform: channel.platform,
        workspaceId: channel.workspaceId,
      });
    } catch (err) {
      // Defaults are a nicety: a brief with the server's settings beats no brief.
      deps.logger.warn('workspace settings unavailable; using the server defaults', { err });
      return {};
    }
    if (!settings) return {};
    const engine = settings.engine === 'llm' && !deps.llmConfigured ? null : settings.engine;
    return {
      ...(engine ? { engine } : {}),
      // 'auto' overrides the server's BRIEF_LANGUAGE with the article's own language.
      ...(settings.language
        ? { language: settings.language === ARTICLE_LANGUAGE ? null : settings.language }
        : {}),
      ...(settings.length ? { length: settings.length } : {}),
    };
  };
}

/** The server's own defaults, which a workspace's unset fields fall back to (App Home shows them). */
export interface ServerBriefDefaults {
  engine: 'auto' | 'extractive' | 'llm';
  /** BRIEF_LANGUAGE; null = the article's own language. */
  language: string | null;
  llmConfigured: boolean;
}

/** A workspace's stored language meaning "the article's own", as opposed to null ("the server's"). */
export const ARTICLE_LANGUAGE = 'auto';
