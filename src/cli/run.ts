import type { Brief } from '../brief.js';
import { isBriefError, userMessageOf } from '../errors.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import type { BriefService, BriefInput } from '../service.js';
import { parseCommand, USAGE, type Format } from './args.js';
import { runBatch } from './batch.js';
import type { CliIo } from './io.js';
import { readInput } from './read-input.js';

export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3 } as const;

export interface CliDeps {
  io: CliIo;
  service: BriefService;
  version: string;
  maxInputBytes: number;
}

export function formatBrief(brief: Brief, format: Format, io: Pick<CliIo, 'isTTY' | 'columns'>): string {
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
        return await runBatch(command.file, { ...deps, engine: command.engine });
      case 'text':
      case 'brief': {
        const input: BriefInput =
          command.kind === 'text'
            ? { kind: 'text', text: command.text }
            : await readInput(command.target, io, deps.maxInputBytes);
        const brief = await service.brief(input, { engine: command.engine, caller: 'cli' });
        io.out(formatBrief(brief, command.format, io));
        return EXIT.ok;
      }
    }
  } catch (err) {
    if (isBriefError(err)) {
      io.err(`brief: ${err.userMessage}`);
      if (err.code === 'usage') io.err('Run "brief --help" for usage.');
      return err.code === 'usage' ? EXIT.usage : EXIT.input;
    }
    io.err(`brief: ${userMessageOf(err)}`);
    io.err(err instanceof Error && err.stack ? err.stack : String(err));
    return EXIT.internal;
  }
}
