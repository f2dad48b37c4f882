/** What the CLI needs from its process, passed in so tests run it without one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Reads all of stdin, refusing more than maxBytes (a pipe can be endless). */
  readStdin(maxBytes: number): Promise<Buffer>;
  isTTY: boolean;
  noColor: boolean;
  columns: number | undefined;
}
