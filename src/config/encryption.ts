import { z } from 'zod';

/**
 * The key that encrypts secrets Brief keeps in its database (the bot tokens of the Slack
 * workspaces that installed the app). 32 random bytes, base64, as `openssl rand -base64 32`
 * prints. Keys rotate: the new key goes into BRIEF_ENCRYPTION_KEY and the old one into
 * BRIEF_ENCRYPTION_KEY_PREVIOUS (comma-separated), which is only ever used to read.
 */
export interface EncryptionConfig {
  /** Base64 of the 32-byte key new values are encrypted with. */
  encryptionKey: string;
  /** Base64 keys older values may still be encrypted with; read-only. */
  previousEncryptionKeys: string[];
}

export const KEY_BYTES = 32;

export const encryptionEnv = z.object({
  BRIEF_ENCRYPTION_KEY: z.string().optional(),
  BRIEF_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
});
export type EncryptionEnv = z.infer<typeof encryptionEnv>;

/** Why a base64 key is unusable, or null when it is 32 bytes. Never repeats the value. */
function keyProblem(raw: string): string | null {
  const text = raw.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0)
    return `must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 ${KEY_BYTES}); this is not base64`;
  const bytes = Buffer.from(text, 'base64').length;
  if (bytes !== KEY_BYTES)
    return `must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 ${KEY_BYTES}); this is ${bytes} bytes`;
  return null;
}

/** The keys, or null when none is set; pushes one line per bad variable. */
export function encryptionConfigOf(e: EncryptionEnv, problems: string[]): EncryptionConfig | null {
  const previous = (e.BRIEF_ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  let ok = true;
  if (e.BRIEF_ENCRYPTION_KEY) {
    const problem = keyProblem(e.BRIEF_ENCRYPTION_KEY);
    if (problem) {
      problems.push(`BRIEF_ENCRYPTION_KEY: ${problem}`);
      ok = false;
    }
  }
  previous.forEach((k, i) => {
    const problem = keyProblem(k);
    if (problem) {
      problems.push(`BRIEF_ENCRYPTION_KEY_PREVIOUS: key ${i + 1} ${problem}`);
      ok = false;
    }
  });
  if (previous.length > 0 && !e.BRIEF_ENCRYPTION_KEY) {
    problems.push('BRIEF_ENCRYPTION_KEY: required when BRIEF_ENCRYPTION_KEY_PREVIOUS is set (the new key)');
    ok = false;
  }
  if (!ok || !e.BRIEF_ENCRYPTION_KEY) return null;
  return { encryptionKey: e.BRIEF_ENCRYPTION_KEY.trim(), previousEncryptionKeys: previous };
}
