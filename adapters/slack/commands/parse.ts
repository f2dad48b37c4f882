import { briefLengths, isBriefLength, type BriefLength } from '../../../src/brief.js';
import { fitMrkdwn } from '../escape.js';

/**
 * Routes `/brief` text: empty or `help` => usage; a first word naming a registered subcommand =>
 * that subcommand with the rest as its arguments; anything else => a brief of the text, after the
 * options in front of it (`--length short|standard|detailed`, or `--length=short`).
 * Subcommand names are matched case-insensitively; the brief text is passed on untouched.
 */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'subcommand'; name: string; args: string }
  | { kind: 'brief'; text: string; length?: BriefLength }
  /** An option the user got wrong: `message` says what it takes. */
  | { kind: 'invalid'; message: string };

const LENGTH_OPTION = /^--length(?:=(\S*)|\s+(\S+)|(?=\s|$))\s*/i;

export function parseCommandText(text: string, subcommandNames: readonly string[]): ParsedCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help' };
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const first = match?.[1]?.toLowerCase() ?? '';
  if (first === 'help') return { kind: 'help' };
  if (subcommandNames.includes(first))
    return { kind: 'subcommand', name: first, args: match?.[2]?.trim() ?? '' };

  let rest = trimmed;
  let length: BriefLength | undefined;
  for (let option = LENGTH_OPTION.exec(rest); option; option = LENGTH_OPTION.exec(rest)) {
    const value = (option[1] ?? option[2] ?? '').toLowerCase();
    if (!isBriefLength(value)) return { kind: 'invalid', message: lengthProblem(option[1] ?? option[2]) };
    length = value;
    rest = rest.slice(option[0].length);
  }
  if (rest === '') return { kind: 'help' };
  return length ? { kind: 'brief', text: rest, length } : { kind: 'brief', text: rest };
}

function lengthProblem(given: string | undefined): string {
  const allowed = briefLengths.map((l) => `\`${l}\``).join(', ');
  // The user's own word, escaped: it is shown back in mrkdwn.
  const got = given ? ` (got “${fitMrkdwn(given, 40)}”)` : '';
  return `\`--length\` takes ${allowed}${got}, before the link or text: \`/brief --length short <link>\`.`;
}
