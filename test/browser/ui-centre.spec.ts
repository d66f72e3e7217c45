import { expect, test } from '@playwright/test'
import { banner, centre, focused, receipt, state, visit } from './ui-helpers'

test('shows every purpose with what data, why, legal basis and retention, and its services collapsed', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.showPreferences())
  let dialog = centre(page)
  await expect(dialog.getByRole('heading', { level: 3 })).toHaveText(['Necessary (always on)', 'Statistics', 'Marketing'])
  await expect(dialog).toContainText('Counts visits so we can improve the shop.')
  await expect(dialog).toContainText('Data: Pages viewed, shortened IP address')
  await expect(dialog).toContainText('Legal basis: Art. 6 (1) (a) GDPR')
  await expect(dialog).toContainText('Retention: 13 months')
  let matomo = dialog.getByRole('switch', { name: 'Matomo' })
  await expect(matomo).toBeHidden()
  await dialog.getByText('Services').nth(1).click()
  await expect(matomo).toBeVisible()
  let service = dialog.getByRole('listitem').filter({ has: page.getByRole('switch', { name: 'Matomo' }) })
  await expect(service).toContainText('Self-hosted statistics.')
  await expect(service).toContainText('Provider: Shop GmbH')
  await expect(service).toContainText('Country: DE')
  await expect(service).toContainText('Retention: 13 months')
  await expect(service).toContainText('Cookies and storage: _pk_id.*, _pk_ses.*, pk_*')
  await expect(service.getByRole('link', { name: 'Privacy Policy' })).toHaveAttribute('href', '/datenschutz#matomo')
})

test('in German, with the same details', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  await banner(page).getByRole('button', { name: 'Einstellungen' }).click()
  let dialog = centre(page)
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Datenschutz-Einstellungen')
  await expect(dialog.getByRole('heading', { level: 3 })).toHaveText(['Notwendig (immer aktiv)', 'Statistik', 'Marketing'])
  await expect(dialog).toContainText('Daten: Aufgerufene Seiten, gekürzte IP-Adresse')
  await expect(dialog).toContainText('Rechtsgrundlage: Art. 6 Abs. 1 lit. a DSGVO')
  await expect(dialog).toContainText('Speicherdauer: 13 Monate')
  await dialog.getByText('Dienste').nth(1).click()
  await expect(dialog).toContainText('Anbieter: Shop GmbH')
  await expect(dialog).toContainText('Land: DE')
  await expect(dialog).toContainText('Cookies und Speicher: _pk_id.*, _pk_ses.*, pk_*')
  await expect(dialog.getByRole('link', { name: 'Datenschutzerklärung' }).first()).toHaveAttribute('href', '/datenschutz#matomo')
  await expect(dialog.getByRole('button', { name: 'Schließen' })).toBeVisible()
  await expect(dialog.getByRole('button').filter({ hasText: /\w/ })).toHaveText(['Auswahl speichern', 'Alle akzeptieren', 'Alle ablehnen'])
})

test('a required purpose and its services are shown as always on and cannot be switched off', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.showPreferences())
  let dialog = centre(page)
  let necessary = dialog.getByRole('switch', { name: 'Necessary (always on)' })
  await expect(necessary).toBeChecked()
  await expect(necessary).toBeDisabled()
  await dialog.getByText('Services').first().click()
  await expect(dialog.getByRole('switch', { name: 'Shop' })).toBeChecked()
  await expect(dialog.getByRole('switch', { name: 'Shop' })).toBeDisabled()
})

test('saves a purpose switched on with one of its services switched off', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Settings' }).click()
  let dialog = centre(page)
  await dialog.getByRole('switch', { name: 'Statistics' }).check()
  await dialog.getByText('Services').nth(1).click()
  await expect(dialog.getByRole('switch', { name: 'Matomo' })).toBeChecked()
  await dialog.getByRole('switch', { name: 'Hotjar' }).uncheck()
  await dialog.getByRole('button', { name: 'Save choices' }).click()
  await expect(dialog).toBeHidden()
  await expect(banner(page)).toBeHidden()
  expect(await receipt(page)).toMatchObject({
    method: 'custom',
    purposes: { necessary: true, analytics: true, marketing: false },
    services: { 'analytics/matomo': true, 'analytics/hotjar': false, 'marketing/meta': false }
  })
})

test('switching a service on switches its purpose on; switching the purpose off switches its services off', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.showPreferences())
  let dialog = centre(page)
  await dialog.getByText('Services').nth(2).click()
  await dialog.getByRole('switch', { name: 'Meta Pixel' }).check()
  await expect(dialog.getByRole('switch', { name: 'Marketing' })).toBeChecked()
  await dialog.getByRole('switch', { name: 'Marketing' }).uncheck()
  await expect(dialog.getByRole('switch', { name: 'Meta Pixel' })).not.toBeChecked()
})

test('reopening shows the current choices, and withdrawing is as easy as granting', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.set({ analytics: true, 'analytics/hotjar': false, marketing: false }))
  await page.reload()
  await page.getByRole('link', { name: 'Cookie-Einstellungen' }).click()
  let dialog = centre(page)
  await expect(dialog.getByRole('switch', { name: 'Statistics' })).toBeChecked()
  await expect(dialog.getByRole('switch', { name: 'Marketing' })).not.toBeChecked()
  await dialog.getByText('Services').nth(1).click()
  await expect(dialog.getByRole('switch', { name: 'Matomo' })).toBeChecked()
  await expect(dialog.getByRole('switch', { name: 'Hotjar' })).not.toBeChecked()
  await dialog.getByRole('button', { name: 'Reject all' }).click()
  await expect(dialog).toBeHidden()
  expect(await receipt(page)).toMatchObject({ method: 'reject-all', purposes: { necessary: true, analytics: false, marketing: false } })
})

test('accept all in the preference centre grants every optional purpose', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.rejectAll())
  await page.evaluate(() => window.candor.showPreferences())
  await centre(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(centre(page)).toBeHidden()
  expect((await state(page)).services).toEqual({ 'necessary/shop': true, 'analytics/matomo': true, 'analytics/hotjar': true, 'marketing/meta': true })
})

test('shows the consent id and the date of the last decision', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  await page.evaluate(() => window.candor.showPreferences())
  await expect(centre(page)).not.toContainText('Einwilligungs-ID')
  await page.keyboard.press('Escape')
  await page.evaluate(() => window.candor.acceptAll())
  await page.evaluate(() => window.candor.showPreferences())
  let { id, updatedAt } = await state(page)
  let date = await page.evaluate(t => new Date(t!).toLocaleString('de'), updatedAt)
  await expect(centre(page)).toContainText(`Einwilligungs-ID: ${id}`)
  await expect(centre(page)).toContainText(`Letzte Entscheidung: ${date}`)
})

test('a data-candor-open link opens it; Esc closes it, records nothing and returns focus to the link', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await page.getByRole('link', { name: 'Cookie-Einstellungen' }).focus()
  await page.keyboard.press('Enter')
  await expect(centre(page)).toBeVisible()
  expect(await focused(page)).toBe('Close')
  await page.keyboard.press('Escape')
  await expect(centre(page)).toBeHidden()
  expect(await focused(page)).toBe('Cookie-Einstellungen')
  expect(await state(page)).toMatchObject({ decided: false, id: null })
  await expect(banner(page)).toBeVisible()
})

test('the close button closes it, records nothing and returns focus to the Settings button', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Settings' }).click()
  await centre(page).getByRole('button', { name: 'Close' }).click()
  await expect(centre(page)).toBeHidden()
  expect(await focused(page)).toBe('Settings')
  expect(await state(page)).toMatchObject({ decided: false, id: null })
})

test('Tab cycles through it and never reaches the page, which takes no clicks while it is open', async ({ page, request }) => {
  await visit(page, request)
  await page.evaluate(() => window.candor.showPreferences())
  await expect(centre(page)).toBeVisible()
  let seen: string[] = []
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab')
    seen.push(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.closest('dialog') ? 'dialog' : document.activeElement!.tagName))
  }
  // As in every native modal dialog, the browser's own controls (here: nothing, the body) are one stop in the cycle.
  expect(new Set(seen)).toEqual(new Set(['dialog', 'BODY']))
  expect(seen.lastIndexOf('dialog')).toBeGreaterThan(seen.indexOf('BODY'))
  await page.evaluate(() => document.getElementById('page-button')!.addEventListener('click', () => document.body.classList.add('clicked')))
  let box = (await page.locator('#page-button').boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(centre(page)).toBeVisible()
  expect(await page.evaluate(() => document.body.classList.contains('clicked'))).toBe(false)
})
