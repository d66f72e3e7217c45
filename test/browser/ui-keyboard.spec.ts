import { expect, test } from '@playwright/test'
import { banner, centre, focused, state, tabTo, visit } from './ui-helpers'

test('the banner comes first in tab order, and accept all works from the keyboard', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await page.keyboard.press('Tab')
  expect(await focused(page)).toBe('Privacy Policy')
  await tabTo(page, 'Accept all')
  await page.keyboard.press('Enter')
  await expect(banner(page)).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: true, marketing: true })
})

test('reject all works from the keyboard', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  await expect(banner(page)).toBeVisible()
  await tabTo(page, 'Alle ablehnen')
  await page.keyboard.press('Space')
  await expect(banner(page)).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: false, marketing: false })
})

test('customising per purpose and per service, reopening and withdrawing work from the keyboard', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await tabTo(page, 'Settings')
  await page.keyboard.press('Enter')
  await expect(centre(page)).toBeVisible()
  await tabTo(page, 'Statistics')
  await page.keyboard.press('Space')
  await tabTo(page, 'Services')
  await page.keyboard.press('Enter')
  await tabTo(page, 'Hotjar')
  await page.keyboard.press('Space')
  await tabTo(page, 'Save choices')
  await page.keyboard.press('Enter')
  await expect(centre(page)).toBeHidden()
  expect(await state(page)).toMatchObject({
    purposes: { analytics: true, marketing: false },
    services: { 'analytics/matomo': true, 'analytics/hotjar': false }
  })

  await tabTo(page, 'Cookie-Einstellungen')
  await page.keyboard.press('Enter')
  await expect(centre(page).getByRole('switch', { name: 'Statistics' })).toBeChecked()
  await tabTo(page, 'Statistics')
  await page.keyboard.press('Space')
  await tabTo(page, 'Save choices')
  await page.keyboard.press('Enter')
  await expect(centre(page)).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: false, marketing: false })
  expect(await focused(page)).toBe('Cookie-Einstellungen')
})

test('in the modal layout focus starts in the banner, and accept all works from the keyboard', async ({ page, request }) => {
  await visit(page, request, { ui: { layout: 'modal' } })
  await expect(banner(page)).toBeVisible()
  expect(await focused(page)).toBe('Privacy Policy')
  await tabTo(page, 'Accept all')
  await page.keyboard.press('Enter')
  await expect(banner(page)).toBeHidden()
  expect((await state(page)).decided).toBe(true)
})

test('focus indicators are visible on the buttons, links and switches', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  let outline = () =>
    page.evaluate(() => {
      let el = document.activeElement!.shadowRoot!.activeElement!
      let s = getComputedStyle(el)
      return s.outlineStyle != 'none' && parseFloat(s.outlineWidth) >= 1
    })
  await page.keyboard.press('Tab')
  expect(await outline()).toBe(true)
  await tabTo(page, 'Reject all')
  expect(await outline()).toBe(true)
  await tabTo(page, 'Settings')
  await page.keyboard.press('Enter')
  await tabTo(page, 'Statistics')
  expect(await outline()).toBe(true)
})
