import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { banner, centre, state, stored, visit } from './ui-helpers'

// The EDPB Cookie Banner Taskforce report (17 January 2023): a reject option as easy and as
// prominent as accepting, no pre-ticked boxes, and no consent from scrolling, closing or navigating.

const look = (page: Page, name: string) =>
  banner(page)
    .getByRole('button', { name })
    .evaluate(el => {
      let s = getComputedStyle(el)
      let { width, height } = el.getBoundingClientRect()
      return { width, height, ...Object.fromEntries(['color', 'backgroundColor', 'borderColor', 'borderWidth', 'borderRadius', 'fontFamily', 'fontSize', 'fontWeight', 'padding'].map(k => [k, s.getPropertyValue(k.replace(/[A-Z]/g, c => '-' + c.toLowerCase()))])) }
    })

for (let width of [1280, 360]) {
  test(`accept and reject on the first layer have the same size, colours and font at ${width} px`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 800 })
    await visit(page, request, { lang: 'de' })
    let accept = await look(page, 'Alle akzeptieren')
    let reject = await look(page, 'Alle ablehnen')
    expect(accept.width).toBeGreaterThan(100)
    expect(reject).toEqual(accept)
  })
}

test('no optional purpose or service is switched on before a choice', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Settings' }).click()
  let dialog = centre(page)
  for (let summary of await dialog.locator('summary').all()) await summary.click()
  let switches = dialog.getByRole('switch')
  await expect(switches).toHaveCount(7)
  for (let s of await switches.all()) {
    if (await s.isEnabled()) await expect(s).not.toBeChecked()
  }
})

test('pressing Esc, clicking outside, scrolling and navigating record nothing and grant nothing', async ({ page, request }) => {
  await visit(page, request, { body: '<div style="height: 3000px"></div><script type="text/plain" data-consent="analytics">window.ran = 1</script>' })
  await expect(banner(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await page.mouse.click(600, 100)
  await page.mouse.wheel(0, 1200)
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0)
  await page.evaluate(() => window.candor.showPreferences())
  await page.keyboard.press('Escape')
  await expect(centre(page)).toBeHidden()
  await page.evaluate(() => window.candor.showPreferences())
  await page.mouse.click(5, 5)
  await expect(banner(page)).toBeVisible()
  expect(await stored(page)).toBeNull()
  expect(await state(page)).toMatchObject({ decided: false, id: null, purposes: { analytics: false, marketing: false } })
  expect(await page.evaluate(() => window.candor.receipt())).toBeNull()
  await page.goto('/dist/candor.js')
  await page.goBack()
  await expect(banner(page)).toBeVisible()
  expect(await stored(page)).toBeNull()
  expect(await page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBeUndefined()
})
