import { defineConfig } from '@playwright/test'
import { chromium } from './test/browser/chromium'
import { SHOP } from './test/browser/shop'

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
  webServer: {
    command: 'node test/browser/server.js',
    url: SHOP + '/health',
    reuseExistingServer: !process.env.CI
  }
})
