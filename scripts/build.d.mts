// Types for scripts/build.mjs, which stays plain JavaScript so that it runs before anything is built.
export declare const ROOT: string;
export declare function isStale(root?: string): boolean;
export declare function build(root?: string): Promise<number>;
export declare function ensureBuilt(
  root?: string,
  log?: (line: string) => void,
): Promise<'fresh' | 'built' | 'stale'>;
