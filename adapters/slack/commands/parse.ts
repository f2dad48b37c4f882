/**
 * Routes `/brief` text: empty or `help` => usage; a first word naming a registered subcommand =>
 * that subcommand with the rest as its arguments; anything else => a brief of the text.
 * Subcommand names are matched case-insensitively; the brief text is passed on untouched.
 */
export type ParsedCommand =
  { kind: 'help' } | { kind: 'subcommand'; name: string; args: string } | { kind: 'brief'; text: string };

export function parseCommandText(text: string, subcommandNames: readonly string[]): ParsedCommand {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'help' };
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const first = match?.[1]?.toLowerCase() ?? '';
  if (first === 'help') return { kind: 'help' };
  if (subcommandNames.includes(first))
    return { kind: 'subcommand', name: first, args: match?.[2]?.trim() ?? '' };
  return { kind: 'brief', text: trimmed };
}
