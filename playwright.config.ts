import { defineConfig } from '@playwright/test'
import { SHOP } from './test/browser/shop'

// Debian's Chromium: Playwright cannot download its own browsers on our machines.
// The host rule maps the test shop's domains to loopback, so cookies with a parent
// Domain (www.shop.test → .shop.test) can be tested while serving from 127.0.0.1 only.
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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--host-resolver-rules=MAP *.shop.test 127.0.0.1, MAP shop.test 127.0.0.1'
      ]
    }
  },
  webServer: {
    command: 'node test/browser/server.js',
    url: SHOP + '/health',
    reuseExistingServer: !process.env.CI
  }
})
