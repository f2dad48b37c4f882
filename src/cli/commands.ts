import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Digest, DigestService } from '../digest/types.js';
import type { Logger } from '../logger.js';
import { packageVersion } from '../package-root.js';
import type { BriefService } from '../service.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import type { CliIo } from './io.js';

/**
 * The `brief` commands that need the configuration: a brief (or a batch), `usage`, `db`, `digest`
 * and `extract`. Each imports only what it uses, so `usage` never loads the NLP engines and an
 * extractive brief never loads the store (Kysely, the database drivers).
 */
export interface CommandDeps {
  io: CliIo;
  env: Record<string, string | undefined>;
  /** Logs are pretty on a terminal unless LOG_FORMAT says otherwise (resolveLogFormat). */
  stderrIsTTY?: boolean;
}

export async function runCommand(
  argv: string[],
  { io, env, stderrIsTTY = false }: CommandDeps,
): Promise<number> {
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
  try {
    return await run(argv, config, io, stderrIsTTY);
  } catch (err) {
    // The store could not be opened (no server, a newer schema): one line, not a stack.
    if (!(err instanceof StoreError)) throw err;
    io.err(`brief: ${err.message}`);
    return 1;
  }
}

const storeModule = () => import('../store/open-store.js');

async function run(argv: string[], config: Config, io: CliIo, stderrIsTTY: boolean): Promise<number> {
  if (argv[0] === 'usage') {
    const [{ runUsageCommand }, { openStore }] = await Promise.all([
      import('../usage-report.js'),
      storeModule(),
    ]);
    return runUsageCommand(argv.slice(1), { ...io, store: config.store, openStore });
  }
  if (argv[0] === 'db') {
    const [{ runDbCommand }, { openStore }] = await Promise.all([import('./db-command.js'), storeModule()]);
    return runDbCommand(argv.slice(1), { io, store: config.store, openStore });
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
      preview: (feedUrls, onProgress) => previewDigest(config, stderrIsTTY, feedUrls, onProgress),
    };
    return runDigestCommand(argv.slice(1), { io, digest });
  }
  const { runCli } = await import('./run.js');
  return withBriefService(config, stderrIsTTY, (service) =>
    runCli(argv, { io, service, version: packageVersion(), maxInputBytes: config.fetch.maxBytes, config }),
  );
}

/** The brief service the configuration asks for; the store (cache, token ledger) only with the LLM. */
async function withBriefService<T>(
  config: Config,
  stderrIsTTY: boolean,
  use: (service: BriefService, logger: Logger) => Promise<T>,
): Promise<T> {
  const [{ createStderrLogger, resolveLogFormat }, { loadEngines }, { createBriefService }] =
    await Promise.all([
      import('../logger.js'),
      import('../engines/load-engines.js'),
      import('../service.js'),
    ]);
  // Logs go to stderr and stay quiet unless asked: stdout is the brief.
  const logger = createStderrLogger(
    config.logLevel ?? 'warn',
    resolveLogFormat(config.runtime.logFormat, stderrIsTTY),
  );
  // Extractive briefs cost nothing, so only the LLM needs the cache and the ledger. One command
  // at a time needs one connection.
  const store: Store | undefined = config.llm
    ? await (await storeModule()).openStore(config.store, { poolMax: 1, logger })
    : undefined;
  try {
    return await use(
      createBriefService({ config, engines: await loadEngines(config, logger), logger, store }),
      logger,
    );
  } finally {
    await store?.close();
  }
}

async function previewDigest(
  config: Config,
  stderrIsTTY: boolean,
  ...args: Parameters<DigestService['preview']>
): Promise<Digest> {
  const [{ createDigestService }, { openSqliteStore }] = await Promise.all([
    import('../digest/service.js'),
    storeModule(),
  ]);
  return withBriefService(config, stderrIsTTY, async (service, logger) => {
    // A preview stores nothing: an in-memory store satisfies the digest service.
    const scratch = openSqliteStore(':memory:');
    try {
      const digest = createDigestService({ config, service, store: scratch, logger });
      return await digest.preview(...args);
    } finally {
      await scratch.close();
    }
  });
}
