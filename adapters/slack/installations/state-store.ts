import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { SlackInstallationStore } from '../../../src/store/store.js';

/**
 * The OAuth `state` (CSRF protection for "Add to Slack"): a random id signed with
 * SLACK_STATE_SECRET, kept in the database until it is used or expires. verifyStateParam takes it
 * out in one DELETE ... RETURNING, so a state works once: a replayed redirect, one whose state
 * expired, and a forged one (bad signature, unknown id) are refused. Bolt's InstallProvider also
 * checks that the state matches the cookie it set in the installer's browser.
 */
export const STATE_TTL_MS = 10 * 60_000;

const sign = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('base64url');

export function createOneTimeStateStore(deps: {
  store: Pick<SlackInstallationStore, 'putOAuthState' | 'takeOAuthState' | 'pruneOAuthStates'>;
  stateSecret: string;
  now: () => number;
}): StateStore {
  const { store, stateSecret, now } = deps;
  let lastPrune = 0;
  return {
    async generateStateParam(installOptions: InstallURLOptions) {
      const at = now();
      // Expired states nobody came back with: cleared now and then, on the way.
      if (at - lastPrune > STATE_TTL_MS) {
        lastPrune = at;
        await store.pruneOAuthStates(at);
      }
      const id = randomBytes(24).toString('base64url');
      await store.putOAuthState(id, JSON.stringify(installOptions), at, at + STATE_TTL_MS);
      return `${id}.${sign(stateSecret, id)}`;
    },
    async verifyStateParam(_now: Date, state: string) {
      const [id, signature, extra] = state.split('.');
      if (!id || !signature || extra !== undefined) throw new InvalidStateError('The state is malformed.');
      const expected = Buffer.from(sign(stateSecret, id));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidStateError('The state was not issued by this app.');
      const options = await store.takeOAuthState(id, now());
      if (options === null) throw new InvalidStateError('The state was already used, or has expired.');
      return JSON.parse(options) as InstallURLOptions;
    },
  };
}
