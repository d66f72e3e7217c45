import { expect, test } from '@playwright/test'
import { chromium } from './chromium'
import { PORT, config, known, serve } from './shop'

// Playwright turns the back/forward cache off by default; this test needs it.
test.use({ launchOptions: { ...chromium, ignoreDefaultArgs: ['--disable-back-forward-cache'] } })

test('a page restored from the back/forward cache reads the decision made meanwhile on another subdomain', async ({ context, request }) => {
  // Another subdomain shares the cookie but not the storage events or the BroadcastChannel, so only
  // the restore can tell the page. Pages sent with no-store are never kept in the cache.
  let path = await serve(request, { config: { ...config, cookie: { domain: 'shop.test' } }, headers: { 'cache-control': 'max-age=0' } })
  let page = await context.newPage()
  await page.goto(`http://shop.test:${PORT}${path}`)
  await known(page)
  await page.evaluate(() => window.candor.rejectAll())
  await page.evaluate(() => addEventListener('pageshow', e => ((window as unknown as { restored: boolean }).restored = e.persisted)))
  await page.goto(`http://shop.test:${PORT}${path}?next`)
  let other = await context.newPage()
  await other.goto(`http://www.shop.test:${PORT}${path}`)
  await other.evaluate(() => window.candor.acceptAll())
  await other.close()
  // A restore fires no load event, which goBack() would wait for.
  await page.goBack({ waitUntil: 'commit' })
  await page.waitForFunction(() => document.readyState == 'complete')
  expect(await page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true)
  await expect.poll(() => page.evaluate(() => window.candor.granted('marketing'))).toBe(true)
})
