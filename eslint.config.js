// One linter for the whole tree. The two promise rules are on because unhandled
// promises are how bots die silently (DESIGN.md).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The core never imports an adapter (DESIGN.md: direction of imports).
    files: ['src/**/*.ts'],
    // src/main.ts is the composition root: the one place that starts the adapters.
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // discord.js as a package name only: src/config/discord.js is our own file.
          paths: [{ name: 'discord.js', message: 'src/ must not import platform SDKs.' }],
          patterns: [
            {
              group: ['**/adapters/**', '@slack/*', '@discordjs/*'],
              message: 'src/ must not import adapters or platform SDKs.',
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
