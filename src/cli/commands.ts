import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Digest, DigestService } from '../digest/types.js';
import type { Logger } from '../logger.js';
import { packageVersion } from '../package-root.js';
import type { BriefService } from '../service.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './io.js';

/**
 * The `brief` commands that need the configuration: a brief (or a batch), `usage`, `digest` and
 * `extract`.
 * Each imports only what it uses, so `usage` never loads the NLP engines and an extractive brief
 * never loads SQLite.
 */
export interface CommandDeps {
  io: CliIo;
  env: Record<string, string | undefined>;
}

export async function runCommand(argv: string[], { io, env }: CommandDeps): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`brief: configuration error\n${err.message}`);
      return 2;
    }
    throw err;
  }
  if (argv[0] === 'usage') {
    const [{ runUsageCommand }, { openSqliteStore }] = await Promise.all([
      import('../usage-report.js'),
      import('../store/sqlite-store.js'),
    ]);
    return runUsageCommand(argv.slice(1), {
      ...io,
      storePath: config.store.path,
      openStore: openSqliteStore,
    });
  }
  if (argv[0] === 'extract') {
    // Ingest only: no engines, store or service, so a pipeline pays for linkedom and nothing more.
    const [{ runExtractCommand }, { createLogger }] = await Promise.all([
      import('./extract.js'),
      import('../logger.js'),
    ]);
    return runExtractCommand(argv.slice(1), {
      io,
      ingest: { policy: config.fetch, logger: createLogger(config.logLevel ?? 'warn') },
      maxInputBytes: config.fetch.maxBytes,
    });
  }
  if (argv[0] === 'digest') {
    const { runDigestCommand } = await import('./digest-preview.js');
    // The service is built on the first preview, so `brief digest --help` loads no engine.
    const digest: Pick<DigestService, 'preview'> = {
      preview: (feedUrls, onProgress) => previewDigest(config, feedUrls, onProgress),
    };
    return runDigestCommand(argv.slice(1), { io, digest });
  }
  const { runCli } = await import('./run.js');
  return withBriefService(config, (service) =>
    runCli(argv, { io, service, version: packageVersion(), maxInputBytes: config.fetch.maxBytes }),
  );
}

/** The brief service the configuration asks for; the store (cache, token ledger) only with the LLM. */
async function withBriefService<T>(
  config: Config,
  use: (service: BriefService, logger: Logger) => Promise<T>,
): Promise<T> {
  const [{ createLogger }, { loadEngines }, { createBriefService }] = await Promise.all([
    import('../logger.js'),
    import('../engines/load-engines.js'),
    import('../service.js'),
  ]);
  // Logs go to stderr and stay quiet unless asked: stdout is the brief.
  const logger = createLogger(config.logLevel ?? 'warn');
  // Extractive briefs cost nothing, so only the LLM needs the cache and the ledger.
  const store: Store | undefined = config.llm
    ? (await import('../store/sqlite-store.js')).openSqliteStore(config.store.path)
    : undefined;
  try {
    return await use(
      createBriefService({ config, engines: await loadEngines(config, logger), logger, store }),
      logger,
    );
  } finally {
    store?.close();
  }
}

async function previewDigest(config: Config, ...args: Parameters<DigestService['preview']>): Promise<Digest> {
  const [{ createDigestService }, { openSqliteStore }] = await Promise.all([
    import('../digest/service.js'),
    import('../store/sqlite-store.js'),
  ]);
  return withBriefService(config, async (service, logger) => {
    // A preview stores nothing: an in-memory store satisfies the digest service.
    const scratch = openSqliteStore(':memory:');
    try {
      const digest = createDigestService({ config, service, store: scratch, logger });
      return await digest.preview(...args);
    } finally {
      scratch.close();
    }
  });
}
