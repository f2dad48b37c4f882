import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { EncryptionConfig } from './config/encryption.js';

/**
 * Encrypts secrets we must keep (Slack bot and refresh tokens) before they reach the database:
 * AES-256-GCM with a random 12-byte IV per value, authenticated with a context string (the table,
 * column and row a value belongs to), so a ciphertext copied into another row or column does not
 * decrypt. A sealed value reads `enc1:<key id>:<base64 of iv | tag | ciphertext>`; the key id
 * (from a hash of the key, never the key) says which key sealed it, so keys can rotate: values
 * sealed under a previous key still open, and are sealed under the current one when next written.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws SecretBoxError when the value is not ours, was altered, or its key is gone. */
  open(sealed: string, context: string): string;
  /** Whether a sealed value was made with an older key (worth sealing again). */
  isStale(sealed: string): boolean;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A short, public name for a key: which key sealed a value, without saying anything about it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('brief secret-box key id\0').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(config: EncryptionConfig): SecretBox {
  const current = Buffer.from(config.encryptionKey, 'base64');
  const keys = new Map<string, Buffer>();
  for (const raw of [config.encryptionKey, ...config.previousEncryptionKeys]) {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new SecretBoxError('an encryption key is not 32 bytes (config checks this)');
    if (!keys.has(keyIdOf(key))) keys.set(keyIdOf(key), key);
  }
  const currentId = keyIdOf(current);

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const payload = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
      return `${PREFIX}:${currentId}:${payload}`;
    },
    open(sealed, context) {
      const [prefix, id, payload, extra] = sealed.split(':');
      if (prefix !== PREFIX || !id || !payload || extra !== undefined)
        throw new SecretBoxError('not a value sealed by Brief');
      const key = keys.get(id);
      if (!key) {
        throw new SecretBoxError(
          `sealed with a key Brief no longer has (key id ${id}); put the old key in BRIEF_ENCRYPTION_KEY_PREVIOUS`,
        );
      }
      const raw = Buffer.from(payload, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed value too short');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (err) {
        throw new SecretBoxError('sealed value does not authenticate (altered, or moved from another row)', {
          cause: err,
        });
      }
    },
    isStale(sealed) {
      return sealed.split(':')[1] !== currentId;
    },
  };
}
