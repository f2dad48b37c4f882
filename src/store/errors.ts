/**
 * The store could not be opened or brought up to date: a message for whoever runs Brief (an
 * operator, not a chat user), naming the setting to change. Entry points print it as one line.
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** The schema cannot be brought to this release's version (a newer release wrote it, a bad list). */
export class MigrationError extends StoreError {
  override readonly name = 'MigrationError';
}

/** host:port/database of a PostgreSQL URL, for messages: never the user name or the password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : '/'}`;
  } catch {
    return '(an unparsable URL)';
  }
}
