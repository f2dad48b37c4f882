import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests must never depend on the developer's environment.
    env: { BRIEF_FETCH_ALLOW_HOSTS: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
  },
});
