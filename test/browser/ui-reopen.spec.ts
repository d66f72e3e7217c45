import { AxeBuilder } from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { banner, centre, visit } from './ui-helpers'

const reopen = (page: import('@playwright/test').Page) => page.locator('candor-consent').getByRole('button', { name: 'Privacy settings' })

test('with ui.reopenButton a floating button reopens the settings on every later page view', async ({ page, request }) => {
  await visit(page, request, { ui: { reopenButton: true } })
  await expect(reopen(page)).toBeHidden()
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  await expect(reopen(page)).toBeVisible()
  await page.reload()
  await expect(reopen(page)).toBeVisible()
  await expect(banner(page)).toBeHidden()
  await reopen(page).click()
  await expect(centre(page)).toBeVisible()
  await expect(reopen(page)).toBeHidden()
  await centre(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(reopen(page)).toBeVisible()
  expect(await page.evaluate(() => window.candor.granted('marketing'))).toBe(true)
})

test('the reopen button is reached and pressed by keyboard, and passes axe', async ({ page, request }) => {
  await visit(page, request, { ui: { reopenButton: true } })
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(reopen(page)).toBeVisible()
  expect((await new AxeBuilder({ page }).include('candor-consent').analyze()).violations).toEqual([])
  await reopen(page).focus()
  await page.keyboard.press('Enter')
  await expect(centre(page)).toBeVisible()
})

test('without ui.reopenButton a returning visitor loads no UI at all', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  let ui: string[] = []
  page.on('request', r => r.url().includes('candor-ui.js') && ui.push(r.url()))
  await page.reload()
  await page.waitForLoadState('networkidle')
  expect(ui).toEqual([])
  await expect(page.locator('candor-consent')).toHaveCount(0)
})
