/**
 * The other side of `npm run bench:discord`, in its own process so that it neither competes with
 * the bot's event loop nor counts towards the bot's RSS: the fake Discord and the article server.
 * It dispatches each round's interactions and times them on its own clock (frame sent -> request
 * received), which is what Discord would see.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { startFakeDiscord } from '../tests/helpers/fake-discord.js';
import { startArticleServer } from '../tests/helpers/article-server.js';

export type ToFake = { type: 'round'; n: number; firstStory: number } | { type: 'close' };
export type FromFake =
  | { type: 'ready'; apiUrl: string; applicationId: string; pagesPort: number }
  | { type: 'round'; defer: number[]; embed: number[]; facts: number[] };

const WAIT_MS = 120_000;
const article = readFileSync(
  new URL('../tests/fixtures/discord/harbor-article.html', import.meta.url),
  'utf8',
);
// Distinct URLs, so no cache can turn later requests into lookups.
const pages = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`/story/${i}`, { body: article }]));

const send = (message: FromFake) => process.send?.(message);

async function main() {
  const fake = await startFakeDiscord();
  const server = await startArticleServer(pages);
  process.on('message', (message: ToFake) => {
    if (message.type === 'close') {
      void Promise.all([fake.close(), server.close()]).then(() => process.disconnect());
      return;
    }
    const payloads = Array.from({ length: message.n }, (_, i) =>
      fake.chatInput('brief', { url: server.url(`/story/${message.firstStory + i}`) }),
    );
    const sentAt = payloads.map((p) => fake.dispatchInteraction(p));
    void Promise.all(
      payloads.map(async (p, i) => {
        const callback = await fake.waitFor(
          (r) => r.path === `/interactions/${p.id}/${p.token}/callback`,
          WAIT_MS,
        );
        const edit = await fake.waitFor(
          (r) => r.method === 'PATCH' && r.path.endsWith(`/${p.token}/messages/%40original`),
          WAIT_MS,
        );
        const original = fake.originalMessageId(p);
        const facts = await fake.waitFor(
          (r) => r.method === 'POST' && r.path === `/channels/${original}/messages`,
          WAIT_MS,
        );
        const t0 = sentAt[i]!;
        return { defer: callback.at - t0, embed: edit.at - t0, facts: facts.at - t0 };
      }),
    ).then((results) =>
      send({
        type: 'round',
        defer: results.map((r) => r.defer),
        embed: results.map((r) => r.embed),
        facts: results.map((r) => r.facts),
      }),
    );
  });
  send({ type: 'ready', apiUrl: fake.apiUrl, applicationId: fake.ids.application, pagesPort: server.port });
}

void main();
