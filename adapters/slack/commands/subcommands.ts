import type { AckFn, RespondArguments, SlashCommand } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import type { UsageLine } from '../render/notices.js';
import { digestSubcommand } from './digest.js';

export interface SubcommandContext {
  /** The text after the subcommand's name, trimmed. */
  args: string;
  command: SlashCommand;
  /** Must be called within 3 s; slow work goes to deps.jobs. */
  ack: AckFn<string | RespondArguments>;
  deps: SlackDeps;
}

export interface Subcommand extends UsageLine {
  /** The first word after `/brief`, lower case. */
  name: string;
  run(ctx: SubcommandContext): Promise<void>;
}

/**
 * Extension point: `/brief <name> ...` routes to the subcommand with that name (commands/parse.ts).
 * `help` and briefing are built in.
 */
export const subcommands: readonly Subcommand[] = [digestSubcommand];

export const BUILT_IN_USAGE: readonly UsageLine[] = [
  { usage: '<link>', description: 'brief an article into this channel, key facts in the thread' },
  { usage: '<pasted text>', description: 'brief text you paste (links inside an article are not fetched)' },
  {
    usage: '--length short|standard|detailed <link>',
    description: 'one sentence and three facts, the usual brief, or a longer one',
  },
  { usage: 'help', description: 'show this message' },
];
