import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    // scenario tests run whole clusters: on 2 busy cores a few take several seconds
    testTimeout: 30_000,
  },
});
