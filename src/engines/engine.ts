import type { Article } from '../article.js';
import type { Brief, BriefLength, EngineName } from '../brief.js';

export interface BriefOptions {
  /** Aborts work tied to a caller's deadline (Slack response_url, Discord's 15-minute token). */
  signal?: AbortSignal;
  /** Called once per model call (a repair is a second call) with the tokens it cost. */
  onUsage?: (usage: ModelUsage) => void;
  /**
   * The length the user asked for; engines read `options.length ?? 'standard'` and record it in
   * the brief (Brief.length).
   */
  length?: BriefLength;
  /**
   * ISO 639 code to write in instead of the engine's configured language (engines that write);
   * null = the article's own language.
   */
  language?: string | null;
}

export interface ModelUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** Every engine turns an Article into a validated Brief; the service picks and falls back. */
export interface Engine {
  readonly name: EngineName;
  /**
   * What besides the article shapes this engine's output (model, prompt version, language).
   * Engines that have one get their briefs cached by the service; cheap ones need none.
   */
  readonly fingerprint?: string;
  /** The fingerprint of a brief made with these options (another language), when they change it. */
  fingerprintFor?(options: Pick<BriefOptions, 'language'>): string;
  brief(article: Article, options?: BriefOptions): Promise<Brief>;
}
