import type { Article } from '../article.js';
import type { Brief, EngineName } from '../brief.js';

export interface BriefOptions {
  /** Aborts work tied to a caller's deadline (Slack response_url, Discord's 15-minute token). */
  signal?: AbortSignal;
}

/** Every engine turns an Article into a validated Brief; the service picks and falls back. */
export interface Engine {
  readonly name: EngineName;
  brief(article: Article, options?: BriefOptions): Promise<Brief>;
}
