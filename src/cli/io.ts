/** What the CLI needs from its process, passed in so tests run it without one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  stdin: AsyncIterable<Uint8Array | string>;
  isTTY: boolean;
  noColor: boolean;
  columns: number | undefined;
  /** Whether stderr is a terminal: progress bars are drawn only there. */
  errIsTTY?: boolean;
  /** Writes to stderr as is (no newline added): for redrawing a progress line. */
  errRaw?(text: string): void;
}
