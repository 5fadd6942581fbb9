import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
    ],
    environment: 'node',
    // Native modules (better-sqlite3, pkcs11js) and SoftHSM's global Cryptoki state want real processes, not threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
