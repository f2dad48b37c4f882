// One linter for the whole tree. The two promise rules are on because unhandled
// promises are how bots die silently; the import rules keep the layers of
// docs/architecture.md ("Layers and imports") apart.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** No SDK of a chat platform and no adapter in the core: src/ stays platform-neutral. */
const CORE = {
  paths: [{ name: 'discord.js', message: 'src/ must not import platform SDKs.' }],
  patterns: [
    {
      // discord.js as a package name only (paths above): src/config/discord.js is our own file.
      group: ['**/adapters/**', '@slack/*', '@discordjs/*'],
      message: 'src/ must not import adapters or platform SDKs.',
    },
  ],
};

/** The same rule with more banned groups (a later config replaces the rule's options, so repeat CORE). */
const coreAnd = (...patterns) => ['error', { paths: CORE.paths, patterns: [...CORE.patterns, ...patterns] }];

export default tseslint.config(
  { ignores: ['dist/', '.dist-*/', 'bench/out/', 'node_modules/', 'data/', 'coverage/', 'bin/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // async functions that throw BriefErrors synchronously still must reject, not throw.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The core never imports an adapter.
    files: ['src/**/*.ts'],
    // src/main.ts is the composition root: the one place that starts the adapters.
    ignores: ['src/main.ts'],
    rules: { 'no-restricted-imports': coreAnd() },
  },
  {
    // Reading articles and writing briefs knows nothing of delivery: no rendering, no jobs, no
    // digests, no CLI.
    files: ['src/ingest/**/*.ts', 'src/engines/**/*.ts', 'src/text/**/*.ts'],
    rules: {
      'no-restricted-imports': coreAnd({
        group: ['**/render/**', '**/jobs/**', '**/digest/**', '**/cli/**', '**/cli.js', '**/main.js'],
        message: 'ingest, engines and text sit below rendering, jobs, digests and the CLI.',
      }),
    },
  },
  {
    // Jobs are what any process runs; they never reach into an entry point.
    files: ['src/jobs/**/*.ts', 'src/render/**/*.ts', 'src/digest/**/*.ts'],
    rules: {
      'no-restricted-imports': coreAnd({
        group: ['**/cli/**', '**/cli.js', '**/main.js'],
        message: 'Only entry points import the CLI or the composition root.',
      }),
    },
  },
  {
    // Each adapter stands alone: what both platforms need lives once, in src/.
    files: ['adapters/slack/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'discord.js', message: 'The Slack adapter must not import Discord.' }],
          patterns: [
            {
              group: ['**/discord/**', '@discordjs/*'],
              message: 'Adapters do not import each other: shared logic belongs in src/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['adapters/discord/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/slack/**', '@slack/*'],
              message: 'Adapters do not import each other: shared logic belongs in src/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain scripts run by node before anything is compiled (scripts/build.mjs, bench and test helpers).
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'bench/**/*.cjs', 'tests/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        require: 'readonly',
      },
    },
  },
);
