import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { banner, centre, state, visit } from './ui-helpers'

const tall = '<div style="height: 3000px"></div>'

/** The cumulative layout shift the page has seen so far. */
const cls = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new Promise(resolve => {
        let sum = 0
        new PerformanceObserver(list => {
          for (let e of list.getEntries() as (PerformanceEntry & { value: number })[]) sum += e.value
        }).observe({ type: 'layout-shift', buffered: true })
        setTimeout(() => resolve(sum), 300)
      })
  )

for (let layout of ['bar', 'box']) {
  test(`the ${layout} overlays the page: no layout shift, and the page still scrolls and takes clicks`, async ({ page, request }) => {
    await visit(page, request, { ui: { layout }, body: tall })
    await expect(banner(page)).toBeVisible()
    expect(await cls(page)).toBe(0)
    await page.evaluate(() => document.getElementById('page-button')!.addEventListener('click', () => document.body.classList.add('clicked')))
    await page.getByRole('button', { name: 'Add to cart' }).click()
    expect(await page.evaluate(() => document.body.classList.contains('clicked'))).toBe(true)
    await page.mouse.wheel(0, 800)
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0)
    await expect(banner(page)).toBeVisible()
  })
}

test('takes no grid cell and shifts nothing in a shop whose body is a grid', async ({ page, request }) => {
  await visit(page, request, { body: '<style>body { display: grid; grid-template-columns: 1fr 10em; margin: 0 } footer { grid-area: 1 / 2 }</style>' })
  await expect(banner(page)).toBeVisible()
  expect(await cls(page)).toBe(0)
  for (let part of ['main', 'footer']) expect(await page.locator(part).evaluate(el => el.getBoundingClientRect().top)).toBe(0)
})

test('the box sits in a corner, the bar along the bottom', async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await visit(page, request, { ui: { layout: 'box' } })
  let box = (await banner(page).boundingBox())!
  expect(box.x + box.width).toBeGreaterThan(1260)
  expect(box.width).toBeLessThan(450)
  await visit(page, request)
  let bar = (await banner(page).boundingBox())!
  expect(bar.width).toBeGreaterThan(900)
  expect(bar.y + bar.height).toBeGreaterThan(780)
})

test('the modal layout shows the banner as a modal dialog over a backdrop, without layout shift', async ({ page, request }) => {
  await visit(page, request, { ui: { layout: 'modal' }, body: tall })
  let dialog = page.getByRole('dialog', { name: 'Your privacy' })
  await expect(dialog).toBeVisible()
  expect(await dialog.evaluate(d => d.matches(':modal'))).toBe(true)
  expect(await cls(page)).toBe(0)
  await dialog.getByRole('button', { name: 'Settings' }).click()
  await centre(page).getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Reject all' }).click()
  await expect(dialog).toBeHidden()
})

test('Esc closes the modal banner without recording anything, and it comes back on the next page view', async ({ page, request }) => {
  await visit(page, request, { ui: { layout: 'modal' } })
  await expect(banner(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(banner(page)).toBeHidden()
  expect(await state(page)).toMatchObject({ decided: false, id: null })
  await page.reload()
  await expect(banner(page)).toBeVisible()
})

/** Fails when the page or a layer scrolls sideways, or a button is cut off. */
async function fits(page: Page): Promise<void> {
  let { width, height } = page.viewportSize()!
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
  for (let layer of await page.locator('candor-consent .l').all()) {
    if (!(await layer.isVisible())) continue
    expect(await layer.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
  }
  for (let button of await page.locator('candor-consent .bs button').all()) {
    if (!(await button.isVisible())) continue
    let b = (await button.boundingBox())!
    expect(b.x).toBeGreaterThanOrEqual(0)
    expect(b.x + b.width).toBeLessThanOrEqual(width)
    expect(b.y + b.height).toBeLessThanOrEqual(height)
    expect(await button.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true)
  }
}

// 200 % zoom of a 1280 × 800 window is a viewport of 640 × 400 CSS pixels.
for (let [width, height] of [
  [320, 640],
  [640, 400]
]) {
  for (let layout of ['bar', 'box', 'modal']) {
    test(`the ${layout} and the preference centre fit ${width} × ${height} without sideways scrolling or cut-off buttons`, async ({ page, request }) => {
      await page.setViewportSize({ width, height })
      await visit(page, request, { lang: 'de', ui: { layout } })
      await expect(banner(page)).toBeVisible()
      await fits(page)
      await banner(page).getByRole('button', { name: 'Einstellungen' }).click()
      for (let summary of await centre(page).locator('summary').all()) await summary.click()
      await fits(page)
    })
  }
}

test('nothing moves when the banner and the preference centre open', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0)
  await page.evaluate(() => window.candor.showPreferences())
  await expect(centre(page)).toBeVisible()
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0)
})
