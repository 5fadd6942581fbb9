import { defineConfig } from '@playwright/test';

// The real desktop window through Playwright's Electron driver. It needs the Electron binary, which only the Windows
// CI job can download (.github/workflows/windows-installer.yml, job `electron-window`); browser mode covers the rest.
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
