import { defineConfig } from '@playwright/test';

// Runs against the already built dist (`npm run test:e2e` builds first). Debian's chromium, never a
// downloaded browser (STACK.md "Browser tests").
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// E2E_PORT / E2E_DIST let two checkouts (or helpers) run the suite side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_PORT ? `test-results-${PORT}` : 'test-results',
  // two browsers side by side: the suite outgrew one at a time on 2 cores (each page's engine runs in its own worker)
  workers: process.env.CI ? 2 : 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  // a safety net, not a budget: the suite takes ~10-13 min on 2 cores
  globalTimeout: 25 * 60_000,
  // story pacing gives each step its reading time at 1×: an outcome can take a dozen steps to come
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // the system asks for reduced motion: tokens jump instead of travelling, which spares the two
    // browsers' animation frames on 2 cores; the specs about motion (presenter, pod lifecycle)
    // opt back in with test.use({ reducedMotion: 'no-preference' })
    reducedMotion: 'reduce',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 90_000,
  },
});
