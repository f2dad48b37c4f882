import type { Brief } from '../brief.js';
import { isBriefError } from '../errors.js';
import type { BriefService } from '../service.js';
import type { BriefOutcome, Metrics } from './metrics.js';

/**
 * Counts and times every brief at the service boundary, in the main thread: whatever flow calls
 * the service (a Slack or Discord command, a job runner, a digest), each brief is counted once,
 * by the engine that wrote it and its outcome.
 */
export function instrumentBriefService<S extends BriefService>(service: S, metrics: Metrics): S {
  const timed = async (run: () => Promise<Brief>): Promise<Brief> => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const brief = await run();
      const outcome: BriefOutcome = brief.engine.fallbackCode ? 'fallback' : 'ok';
      metrics.brief(brief.engine.name, outcome, seconds());
      return brief;
    } catch (err) {
      if (isBriefError(err)) metrics.brief('none', 'refused', seconds(), err.code);
      else metrics.brief('none', isAbort(err) ? 'aborted' : 'error', seconds());
      throw err;
    }
  };
  return {
    ...service,
    brief: (input, options) => timed(() => service.brief(input, options)),
    briefArticle: (article, options) => timed(() => service.briefArticle(article, options)),
  };
}

function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
