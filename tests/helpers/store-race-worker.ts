import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { c1, ledgerDigest } from './sample-ledger.js';
import type { RaceCommand, RaceReply } from './store-race.js';

/**
 * One racing "process" (a worker thread with its own connection or pool) for the concurrency
 * tests: it runs each command it is sent and answers with what it won.
 */
const { owner } = workerData as { owner: string };
const port = parentPort!;
let store: Store | null = null;

async function run(cmd: RaceCommand): Promise<Array<string | number>> {
  if (cmd.op === 'open') {
    store = await openStore(cmd.location, { poolMax: 2 });
    return [];
  }
  if (cmd.op === 'close') return [];
  if (!store) throw new Error('open first');
  const won: Array<string | number> = [];
  for (const item of cmd.items) {
    if (cmd.op === 'commit') {
      const date = String(item);
      const entry = await store.commitDigest({
        kind: 'scheduled',
        digest: ledgerDigest(c1, date),
        keys: [`${date}:a`, `${date}:b`],
        at: cmd.at,
        lease: { owner, until: cmd.at + 60_000 },
      });
      if (entry) won.push(date);
    } else if (cmd.op === 'claim') {
      if (await store.claimDelivery(Number(item), { owner, until: cmd.at + 60_000 }, cmd.at)) won.push(item);
    } else if (await store.markParentPosted(Number(item), owner, cmd.at)) {
      won.push(item);
    }
  }
  return won;
}

port.on('message', (cmd: RaceCommand) => {
  if (cmd.op === 'close') {
    const closing = store?.close() ?? Promise.resolve();
    store = null;
    void closing.then(() => port.postMessage({ ok: true, won: [] }));
    return;
  }
  run(cmd)
    .then(
      (won): RaceReply => ({ ok: true, won }),
      (err: unknown): RaceReply => ({ ok: false, error: String((err as Error)?.stack ?? err) }),
    )
    .then(
      (reply) => port.postMessage(reply),
      () => undefined,
    );
});
port.postMessage({ ok: true, won: [] } satisfies RaceReply);
