import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, SecretBoxError } from '../../src/secret-box.js';

const key = () => randomBytes(32).toString('base64');

describe('secret box (AES-256-GCM for tokens at rest)', () => {
  it('seals to a value that names its key and does not contain the secret, and opens it again', () => {
    const k = key();
    const box = createSecretBox({ encryptionKey: k, previousEncryptionKeys: [] });
    const sealed = box.seal('xoxb-secret-token', 'slack_installations.bot_token:T:T1');
    expect(sealed).toMatch(new RegExp(`^enc1:${keyIdOf(Buffer.from(k, 'base64'))}:[A-Za-z0-9+/=]+$`));
    expect(sealed).not.toContain('xoxb');
    expect(box.open(sealed, 'slack_installations.bot_token:T:T1')).toBe('xoxb-secret-token');
  });

  it('uses a fresh IV every time', () => {
    const box = createSecretBox({ encryptionKey: key(), previousEncryptionKeys: [] });
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value moved to another row, altered, or not ours', () => {
    const box = createSecretBox({ encryptionKey: key(), previousEncryptionKeys: [] });
    const sealed = box.seal('xoxb-1', 'row:T1');
    expect(() => box.open(sealed, 'row:T2')).toThrow(SecretBoxError);
    const [p, id, body] = sealed.split(':');
    const bytes = Buffer.from(body!, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => box.open(`${p}:${id}:${bytes.toString('base64')}`, 'row:T1')).toThrow(
      /does not authenticate/,
    );
    expect(() => box.open('xoxb-plain', 'row:T1')).toThrow(/not a value sealed/);
  });

  it('opens values sealed under a previous key and says they are stale; forgets nothing it was given', () => {
    const old = key();
    const sealedOld = createSecretBox({ encryptionKey: old, previousEncryptionKeys: [] }).seal(
      'xoxb-old',
      'c',
    );
    const rotated = createSecretBox({ encryptionKey: key(), previousEncryptionKeys: [old] });
    expect(rotated.open(sealedOld, 'c')).toBe('xoxb-old');
    expect(rotated.isStale(sealedOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('x', 'c'))).toBe(false);
    const withoutOld = createSecretBox({ encryptionKey: key(), previousEncryptionKeys: [] });
    expect(() => withoutOld.open(sealedOld, 'c')).toThrow(/BRIEF_ENCRYPTION_KEY_PREVIOUS/);
  });
});
