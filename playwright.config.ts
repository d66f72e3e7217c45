import { defineConfig } from '@playwright/test'
import { chromium } from './test/browser/chromium'
import { DEMO_PORT, SHOP } from './test/browser/shop'

export default defineConfig({
  testDir: 'test/browser',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Playwright empties its output folder at start; the unit tests' report sits beside it in test-results/.
  outputDir: 'test-results/browser',
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/browser.json' }]] : 'list',
  use: {
    baseURL: SHOP,
    browserName: 'chromium',
    launchOptions: chromium
  },
  webServer: [
    { command: 'node test/browser/server.js', url: SHOP + '/health', reuseExistingServer: !process.env.CI },
    // The demo shop as `npm run demo` serves it, for the test that walks through it.
    { command: 'node demo/serve.js', env: { DEMO_PORT: String(DEMO_PORT) }, url: `http://127.0.0.1:${DEMO_PORT}/`, reuseExistingServer: !process.env.CI }
  ]
})
