import type { Brief } from '../brief.js';
import type { Config } from '../config.js';
import { isBriefError, userMessageOf } from '../errors.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import type { BriefRequestOptions, BriefService } from '../service.js';
import { cliMessage, EXIT, parseCommand, reportUsageError, USAGE, type Format } from './args.js';
import { runBatch } from './batch.js';
import type { CliIo } from './io.js';
import { LOOKS_LIKE_URL, readTarget } from './target.js';

export { EXIT };

export interface CliDeps {
  io: CliIo;
  service: BriefService;
  version: string;
  maxInputBytes: number;
  /** The configuration the service was made with: lets `--jsonl` brief on helper threads. */
  config?: Config;
}

export function formatBrief(
  brief: Brief,
  format: Format,
  io: Pick<CliIo, 'isTTY' | 'columns' | 'noColor'>,
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(brief, null, 2);
    case 'markdown':
      return renderMarkdown(brief);
    case 'text':
      return renderText(brief, { width: io.columns ?? 80, color: io.isTTY && !io.noColor });
  }
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const { io, service } = deps;
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.out(USAGE);
        return EXIT.ok;
      case 'version':
        io.out(deps.version);
        return EXIT.ok;
      case 'batch':
        return await runBatch(command.file, { ...deps, engine: command.engine, force: command.force });
      case 'text':
      case 'brief': {
        const options: BriefRequestOptions = {
          engine: command.engine,
          caller: 'cli',
          articlesOnly: !command.force,
        };
        const limits = { maxBytes: deps.maxInputBytes };
        let brief: Brief;
        if (command.kind === 'text') {
          brief = await service.brief({ kind: 'text', text: command.text }, options);
        } else if (LOOKS_LIKE_URL.test(command.target)) {
          brief = await service.brief({ kind: 'url', url: command.target }, options);
        } else {
          brief = await service.briefArticle(await readTarget(command.target, io, limits), options);
        }
        io.out(formatBrief(brief, command.format, io));
        return EXIT.ok;
      }
    }
  } catch (err) {
    if (isBriefError(err)) {
      if (err.code === 'usage') return reportUsageError(io, err.userMessage);
      io.err(`brief: ${cliMessage(err)}`);
      return EXIT.input;
    }
    io.err(`brief: ${userMessageOf(err)}`);
    io.err(err instanceof Error && err.stack ? err.stack : String(err));
    return EXIT.internal;
  }
}
