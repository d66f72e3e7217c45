import { expect, test } from '@playwright/test'
import { DEMO_PORT } from './shop'

const DEMO = `http://127.0.0.1:${DEMO_PORT}`

test('the demo shop asks first, runs its tags after consent, and logs the receipt', async ({ page }) => {
  let thirdParty: string[] = []
  page.on('request', r => new URL(r.url()).port == String(DEMO_PORT + 1) && thirdParty.push(r.url()))
  await page.goto(DEMO + '/')
  let banner = page.locator('candor-consent').getByRole('region')
  await expect(banner).toBeVisible()
  expect(thirdParty).toEqual([])
  await banner.getByRole('button', { name: 'Alle akzeptieren' }).click()
  await expect(banner).toBeHidden()
  await expect.poll(() => thirdParty.length).toBeGreaterThan(0)
  let id = await page.evaluate(() => window.candor.$consent.get().id)
  await expect(page.locator('#panel-receipt')).toContainText(id!)
  let log = page.locator('a', { hasText: 'Alle Belege im Consent-Log' })
  let receiver = await log.getAttribute('href')
  await expect.poll(async () => (await (await page.request.get(`${receiver}receipts.json?id=${id}`)).json()).receipts.length).toBe(1)
  await page.getByRole('link', { name: 'Cookie-Einstellungen' }).click()
  await expect(page.locator('candor-consent').getByRole('dialog')).toBeVisible()
})
