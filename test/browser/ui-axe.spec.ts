import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { banner, centre, shoot, visit } from './ui-helpers'

/** Runs axe on the banner and the preference centre: WCAG 2.2 A and AA, and axe's best practices. */
const violations = async (page: Page): Promise<string[]> => {
  let result = await new AxeBuilder({ page }).include('candor-consent').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

for (let lang of ['de', 'en']) {
  for (let scheme of ['light', 'dark'] as const) {
    for (let width of [1280, 360]) {
      test(`no axe violations on the banner and the preference centre: ${lang}, ${scheme}, ${width} px`, async ({ page, request }) => {
        await page.setViewportSize({ width, height: 800 })
        await page.emulateMedia({ colorScheme: scheme })
        await visit(page, request, { lang })
        await expect(banner(page)).toBeVisible()
        expect(await violations(page)).toEqual([])
        await shoot(page, `banner-${lang}-${scheme}-${width}`)
        await banner(page).getByRole('button', { name: lang == 'de' ? 'Einstellungen' : 'Settings' }).click()
        await centre(page).locator('summary').nth(1).click()
        expect(await violations(page)).toEqual([])
        await shoot(page, `centre-${lang}-${scheme}-${width}`)
      })
    }
  }
}

for (let layout of ['box', 'modal']) {
  test(`no axe violations on the ${layout} layout`, async ({ page, request }) => {
    await visit(page, request, { ui: { layout } })
    await expect(banner(page)).toBeVisible()
    expect(await violations(page)).toEqual([])
    await shoot(page, `banner-en-light-1280-${layout}`)
  })
}

test('theme "dark" is dark even when the visitor prefers light, and "light" light when he prefers dark', async ({ page, request }) => {
  let background = () => banner(page).evaluate(el => getComputedStyle(el).backgroundColor)
  await page.emulateMedia({ colorScheme: 'light' })
  await visit(page, request, { ui: { theme: 'dark' } })
  await expect.poll(background).toBe('rgb(31, 31, 31)')
  expect(await violations(page)).toEqual([])
  await page.emulateMedia({ colorScheme: 'dark' })
  await visit(page, request, { ui: { theme: 'light' } })
  await expect.poll(background).toBe('rgb(255, 255, 255)')
  await page.emulateMedia({ colorScheme: 'light' })
  await visit(page, request)
  await expect.poll(background).toBe('rgb(255, 255, 255)')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(background).toBe('rgb(31, 31, 31)')
})

test('axe does look inside the shadow root: a broken image there is reported', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await page.evaluate(() => document.querySelector('candor-consent')!.shadowRoot!.querySelector('h2')!.append(document.createElement('img')))
  expect((await violations(page)).join()).toContain('image-alt')
})
