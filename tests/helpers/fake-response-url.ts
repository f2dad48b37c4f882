import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's response_url endpoint (https://hooks.slack.com/commands/...). Each
 * `newUrl()` is one command's URL; bodies posted to it are recorded. Like Slack, it answers 404
 * `used_url` past 5 uses, so a test sees the adapter respect the limit instead of hitting it.
 */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeResponseUrl {
  newUrl(): string;
  posts: ResponseUrlPost[];
  postsTo(url: string): ResponseUrlPost[];
  waitForPosts(url: string, count: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
  close(): Promise<void>;
}

const SLACK_MAX_USES = 5;

export async function startFakeResponseUrl(): Promise<FakeResponseUrl> {
  const posts: ResponseUrlPost[] = [];
  const waiters = new Set<() => void>();
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (req.url ?? '').split('/').pop() ?? '';
      const used = posts.filter((p) => p.id === id).length;
      if (req.method !== 'POST' || used >= SLACK_MAX_USES) {
        res.writeHead(404).end('used_url');
        return;
      }
      posts.push({ id, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      for (const wake of [...waiters]) wake();
      res.writeHead(200).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const idOf = (url: string) => url.split('/').pop() ?? '';

  const fake: FakeResponseUrl = {
    posts,
    newUrl: () => `http://127.0.0.1:${port}/commands/T0TEST/${++next}`,
    postsTo: (url) => posts.filter((p) => p.id === idOf(url)),
    waitForPosts(url, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const got = fake.postsTo(url);
          if (got.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(got);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${count} response_url post(s); got ${fake.postsTo(url).length}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
