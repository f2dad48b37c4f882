import { RESTEvents, type Client, type Interaction } from 'discord.js';

/** Discord forgets an interaction not answered within 3 s: an arrival older than this is dropped. */
const FORGET_AFTER_MS = 10_000;

/** A bounded label for what arrived: what the ack answers. */
export function interactionKind(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return 'command';
  if (interaction.isContextMenuCommand()) return 'context_menu';
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isMessageComponent()) return 'component';
  if (interaction.isModalSubmit()) return 'modal';
  return 'other';
}

/**
 * Times each interaction from its arrival on the gateway to Discord accepting the answer (the
 * callback request: a defer, a reply, autocomplete choices), whichever command sent it. It reads
 * discord.js's REST responses instead of wrapping every reply call, so any flow is measured.
 * Returns the listener to put before the command listener on InteractionCreate.
 */
export function timeInteractionAcks(
  client: Client,
  record: (kind: string, seconds: number) => void,
  now: () => number = () => performance.now(),
): (interaction: Interaction) => void {
  const arrivals = new Map<string, { at: number; kind: string }>();
  client.rest.on(RESTEvents.Response, (request, response) => {
    const id = /^\/interactions\/(\d+)\/[^/]+\/callback/.exec(request.path)?.[1];
    const arrival = id === undefined ? undefined : arrivals.get(id);
    if (!arrival || !response.ok) return;
    arrivals.delete(id!);
    record(arrival.kind, (now() - arrival.at) / 1000);
  });
  return (interaction) => {
    const at = now();
    // Map order is arrival order: the stale ones (never answered) are at the front.
    for (const [id, a] of arrivals) {
      if (at - a.at < FORGET_AFTER_MS) break;
      arrivals.delete(id);
    }
    arrivals.set(interaction.id, { at, kind: interactionKind(interaction) });
  };
}
