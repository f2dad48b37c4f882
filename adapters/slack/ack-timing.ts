import type { ReceiverEvent } from '@slack/bolt';

/** customProperties key for when an HTTP request reached the process (Bolt copies it into context). */
export const RECEIVED_AT = 'briefReceivedAt';

/** A bounded label for what Slack sent: what the ack answers. */
export function requestKind(body: Record<string, unknown>): string {
  if (typeof body['command'] === 'string') return 'slash_command';
  switch (body['type']) {
    case 'event_callback':
      return 'event';
    case 'message_action':
    case 'shortcut':
      return 'shortcut';
    case 'block_actions':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'block_suggestion':
      return 'options';
    default:
      return 'other';
  }
}

/**
 * The event with an ack that reports, once, how long after arrival it went out: from the HTTP
 * request's arrival when the receiver recorded it, else from when the receiver handed the event
 * over (Socket Mode: the WebSocket message was parsed). Events Bolt acks itself count too.
 */
export function timeAck(
  event: ReceiverEvent,
  record: (kind: string, seconds: number) => void,
  now: () => number = () => performance.now(),
): ReceiverEvent {
  const arrived: unknown = event.customProperties?.[RECEIVED_AT];
  const started = typeof arrived === 'number' ? arrived : now();
  const kind = requestKind(event.body);
  let recorded = false;
  return {
    ...event,
    ack: async (response?: unknown) => {
      await event.ack(response);
      if (recorded) return;
      recorded = true;
      record(kind, (now() - started) / 1000);
    },
  };
}
