import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode endpoint (the wss:// URL apps.connections.open returns).
 * It greets each connection with `hello`, sends envelopes like Slack does, and records the acks
 * the app sends back (`{ envelope_id, payload }`).
 * https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export interface FakeSocketMode {
  url: string;
  /** Resolves when the app has connected (and got its hello). */
  connected(): Promise<void>;
  /** Sends an envelope; resolves with the app's ack payload. */
  deliver(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let socket: WebSocket | null = null;
  let onConnected: (() => void) | null = null;
  const isConnected = new Promise<void>((resolve) => (onConnected = resolve));
  const acks = new Map<string, (payload: unknown) => void>();
  let next = 0;

  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { envelope_id: string; payload?: unknown };
      acks.get(msg.envelope_id)?.(msg.payload);
      acks.delete(msg.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
    onConnected?.();
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=test`,
    connected: () => isConnected,
    deliver(type, payload) {
      if (!socket) return Promise.reject(new Error('no Socket Mode client connected'));
      const envelopeId = `env-${++next}`;
      const acked = new Promise<unknown>((resolve) => acks.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
        }),
      );
      return acked;
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
