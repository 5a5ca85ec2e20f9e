import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    // the app loads the Chinese catalogue on demand; tests have every locale from the start
    setupFiles: ['src/i18n/test-setup.ts', 'src/engine/testing/freeze-setup.ts'],
    // scenario tests run whole clusters: on 2 busy cores a few take several seconds
    testTimeout: 30_000,
    // Vitest's default on 2 cores is one worker; the real-kubectl sessions (src/server) mostly wait
    // on kubectl processes, so two workers overlap them: 252 s → 162 s for the suite on this machine
    maxWorkers: 2,
  },
});
