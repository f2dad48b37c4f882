import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { DigestService } from '../../src/digest/types.js';
import type { Deliverer } from '../../src/jobs/deliverer.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import type { DiscordTarget } from '../../src/jobs/types.js';
import type { Logger } from '../../src/logger.js';

/**
 * What every command handler receives. Handlers only check, defer and enqueue: the work runs as a
 * job (src/jobs) and answers through the interaction's webhook.
 */
export interface CommandDeps {
  logger: Logger;
  /** Slow work (fetching, briefing; digest add and now) goes here, after the defer. */
  jobs: JobQueue;
  /** For answers given without a job (the queue is full). */
  deliverer: Deliverer<DiscordTarget>;
  /** Feed subscriptions and digests; null when the operator did not enable them. */
  digest: DigestService | null;
}

/** A slash command: `data` is both what the deploy script registers and what the bot routes by. */
export interface ChatCommand {
  kind: 'chat';
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, deps: CommandDeps): Promise<void>;
  /** Suggestions while the user types an option marked autocomplete (answered within 3 s). */
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
}

/** A message context-menu command (right click on a message > Apps > ...). */
export interface MessageCommand {
  kind: 'message';
  data: { name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, deps: CommandDeps): Promise<void>;
}

export type Command = ChatCommand | MessageCommand;
