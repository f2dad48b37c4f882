import { parseArgs } from 'node:util';
import type { Digest, DigestProgress, DigestService } from '../digest/types.js';
import { BriefError, isBriefError, userMessageOf } from '../errors.js';
import { renderDigestText } from '../render/digest-text.js';
import type { CliIo } from './io.js';
import { EXIT } from './args.js';

/**
 * `brief digest preview <feed-url>...`: the digest these feeds would give now, printed, with a
 * progress bar on stderr while feeds are fetched and articles briefed (only when stderr is a
 * terminal; plain lines otherwise, so logs stay readable). Nothing is stored or marked seen.
 */
export const DIGEST_HELP = `Usage:
  brief digest preview [--json] <feed-url>...   the digest these feeds would give now (nothing is saved)`;

export interface DigestCommandDeps {
  io: CliIo;
  digest: Pick<DigestService, 'preview'>;
}

const PHASE = { feeds: 'Fetching feeds', briefs: 'Briefing stories' } as const;
const BAR = 24;

function progressReporter(io: CliIo): { update(p: DigestProgress): void; end(): void } {
  if (io.errIsTTY && io.errRaw) {
    const raw = io.errRaw.bind(io);
    let drawn = false;
    return {
      update({ phase, done, total }) {
        const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
        raw(`\r\u001b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${PHASE[phase]} ${done}/${total}`);
        drawn = true;
      },
      end: () => {
        if (drawn) raw('\r\u001b[2K');
      },
    };
  }
  return {
    update({ phase, done, total }) {
      if (done === total) io.err(`brief: ${PHASE[phase].toLowerCase()}: ${done}/${total} done`);
    },
    end: () => undefined,
  };
}

function parse(argv: string[]): { urls: string[]; json: boolean; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new BriefError('usage', (err as Error).message);
  }
  const [sub, ...urls] = parsed.positionals;
  const help = parsed.values.help ?? false;
  if (help) return { urls: [], json: false, help };
  if (sub !== 'preview') {
    throw new BriefError(
      'usage',
      sub ? `Unknown digest command "${sub}".` : 'Say what to do: digest preview <feed-url>...',
    );
  }
  if (urls.length === 0) throw new BriefError('usage', 'Give at least one feed URL.');
  return { urls, json: parsed.values.json ?? false, help };
}

/** Runs `digest ...` (argv after the word "digest"); returns the exit code, never throws. */
export async function runDigestCommand(argv: string[], deps: DigestCommandDeps): Promise<number> {
  const { io } = deps;
  let progress: ReturnType<typeof progressReporter> | undefined;
  try {
    const { urls, json, help } = parse(argv);
    if (help) {
      io.out(DIGEST_HELP);
      return EXIT.ok;
    }
    progress = progressReporter(io);
    const digest: Digest = await deps.digest.preview(urls, (p) => progress?.update(p));
    progress.end();
    io.out(
      json
        ? JSON.stringify(digest, null, 2)
        : renderDigestText(digest, { width: io.columns ?? 80, color: io.isTTY && !io.noColor }),
    );
    // Every feed failing is an input error, like a brief whose page could not be read.
    return digest.failedFeeds.length === urls.length ? EXIT.input : EXIT.ok;
  } catch (err) {
    progress?.end();
    if (isBriefError(err)) {
      io.err(`brief: ${err.userMessage}`);
      if (err.code === 'usage') io.err(DIGEST_HELP);
      return err.code === 'usage' ? EXIT.usage : EXIT.input;
    }
    io.err(`brief: ${userMessageOf(err)}`);
    io.err(err instanceof Error && err.stack ? err.stack : String(err));
    return EXIT.internal;
  }
}
