import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { DigestPublisher, DigestService } from '../../src/digest/types.js';
import type { Logger } from '../../src/logger.js';
import type { BriefService } from '../../src/service.js';
import type { WorkQueue } from '../../src/work-queue.js';

/** What every command handler receives: the core service and the adapter's plumbing. */
export interface CommandDeps {
  service: BriefService;
  logger: Logger;
  /** Slow work (fetching, briefing) runs here, after the interaction has been deferred. */
  queue: WorkQueue;
  /**
   * Threads with the facts are posted from here, a few at a time: under a burst, the replies
   * (what users are waiting for) get discord.js's 50 requests/s first (see bench/discord.ts).
   */
  detailsQueue: WorkQueue;
  /** Aborted when the bot shuts down, so queued briefs stop instead of holding the exit. */
  shutdown: AbortSignal;
  /** Feed subscriptions and digests; null when the operator did not enable them. */
  digest: DigestService | null;
  /** Posts digests through the bot's REST client (the same one main.ts hands the scheduler). */
  digestPublisher: DigestPublisher;
  /** `/digest add` and `/digest now` run here: feeds and whole digests are slow. */
  digestQueue: WorkQueue;
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
