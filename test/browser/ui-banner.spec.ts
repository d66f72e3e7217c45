import { expect, test } from '@playwright/test'
import { TP } from './shop'
import { banner, centre, receipt, shopConfig, state, visit } from './ui-helpers'

const { necessary, analytics, marketing } = shopConfig.purposes

test('shows the banner on a first visit, naming each optional purpose and linking the policy and imprint', async ({ page, request }) => {
  await visit(page, request)
  let layer = banner(page)
  await expect(layer.getByRole('heading', { name: 'Your privacy' })).toBeVisible()
  await expect(layer.getByRole('listitem')).toHaveText(['Statistics: Counts visits so we can improve the shop.', 'Marketing: Shows our ads on other sites.'])
  await expect(layer.getByRole('link', { name: 'Privacy Policy' })).toHaveAttribute('href', '/datenschutz')
  await expect(layer.getByRole('link', { name: 'Imprint' })).toHaveAttribute('href', '/impressum')
  await expect(layer.getByRole('button')).toHaveText(['Accept all', 'Reject all', 'Settings'])
})

test('speaks German on a German page', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  let layer = banner(page, 'Ihre Privatsphäre')
  await expect(layer).toContainText('Wir nutzen Cookies und ähnliche Techniken nur mit Ihrer Einwilligung')
  await expect(layer.getByRole('listitem')).toHaveText(['Statistik: Zählt Besuche, damit wir den Shop verbessern.', 'Marketing: Zeigt unsere Anzeigen auf anderen Seiten.'])
  await expect(layer.getByRole('link', { name: 'Datenschutzerklärung' })).toBeVisible()
  await expect(layer.getByRole('button')).toHaveText(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen'])
})

test('accept all grants every optional purpose and its services, and closes the banner', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(banner(page)).toBeHidden()
  expect((await state(page)).decided).toBe(true)
  expect(await receipt(page)).toMatchObject({
    method: 'accept-all',
    purposes: { necessary: true, analytics: true, marketing: true },
    services: { 'analytics/matomo': true, 'analytics/hotjar': true, 'marketing/meta': true }
  })
})

test('reject all denies every optional purpose, and closes the banner', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  await banner(page).getByRole('button', { name: 'Alle ablehnen' }).click()
  await expect(banner(page)).toBeHidden()
  expect(await receipt(page)).toMatchObject({ method: 'reject-all', purposes: { necessary: true, analytics: false, marketing: false } })
})

test('the receipt carries the hash of exactly the banner text the visitor saw', async ({ page, request }) => {
  await visit(page, request, { lang: 'de' })
  let seen = await banner(page).evaluate(el => (el as HTMLElement).innerText)
  expect(seen).toContain('Statistik: Zählt Besuche')
  await banner(page).getByRole('button', { name: 'Alle akzeptieren' }).click()
  await expect(banner(page)).toBeHidden()
  let [hash, expected] = await page.evaluate(async text => {
    let bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
    return [(await window.candor.receipt())?.textHash, Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')]
  }, seen)
  expect(hash).toBe(expected)
})

test('a decision made by page code closes the banner', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await page.evaluate(() => window.candor.rejectAll())
  await expect(banner(page)).toBeHidden()
})

test('on a first visit candor-ui.js is fetched at once, long before the page has loaded', async ({ page, request }) => {
  await visit(page, request, { body: `<img alt="" src="${TP}/pixel.gif?delay=1500">` })
  await page.waitForLoadState('load')
  let [ui, load] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find(e => e.name.endsWith('/candor-ui.js'))!.startTime,
    (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart
  ])
  expect(ui).toBeLessThan(load - 1000)
})

test('a returning visitor sees no banner and never downloads candor-ui.js', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  await expect(banner(page)).toBeHidden()
  let requested: string[] = []
  page.on('request', r => requested.push(new URL(r.url()).pathname))
  await page.reload()
  await page.waitForLoadState('networkidle')
  expect(requested).toContain('/dist/candor.js')
  expect(requested.filter(p => p.includes('candor-ui'))).toEqual([])
  await expect(page.locator('candor-consent')).toHaveCount(0)
  expect((await state(page)).decided).toBe(true)
})

test('candor.show() opens the banner again after a decision, covering every optional purpose', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  await page.reload()
  await page.evaluate(() => window.candor.show())
  await expect(banner(page).getByRole('listitem')).toHaveCount(2)
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(banner(page)).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: true, marketing: true })
})

test('asks again only about a purpose added since, keeping the earlier answers', async ({ page, request }) => {
  await visit(page, request, { config: { purposes: { necessary, analytics } } })
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(banner(page)).toBeHidden()
  await visit(page, request, { lang: 'de' })
  let layer = banner(page)
  await expect(layer).toContainText('Neu oder geändert seit Ihrem letzten Besuch:')
  await expect(layer.getByRole('listitem')).toHaveText(['Marketing: Zeigt unsere Anzeigen auf anderen Seiten.'])
  await layer.getByRole('button', { name: 'Alle ablehnen' }).click()
  await expect(layer).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: true, marketing: false })
})

test('asks again only about a purpose whose version was bumped, keeping the other answers', async ({ page, request }) => {
  await visit(page, request)
  await banner(page).getByRole('button', { name: 'Settings' }).click()
  await centre(page).getByRole('switch', { name: 'Statistics' }).check()
  await centre(page).getByRole('button', { name: 'Save choices' }).click()
  await expect(centre(page)).toBeHidden()
  await visit(page, request, { config: { purposes: { necessary, analytics: { ...analytics, version: 2 }, marketing } } })
  let layer = banner(page)
  await expect(layer).toContainText('New or changed since your last visit:')
  await expect(layer.getByRole('listitem')).toHaveText(['Statistics: Counts visits so we can improve the shop.'])
  expect((await state(page)).purposes.analytics).toBe(false)
  await layer.getByRole('button', { name: 'Accept all' }).click()
  await expect(layer).toBeHidden()
  expect((await state(page)).purposes).toEqual({ necessary: true, analytics: true, marketing: false })
})

test.describe('under Global Privacy Control', () => {
  test.beforeEach(({ page }) =>
    page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  )

  test('the banner says so in one line, and accept all leaves out what the signal objects to', async ({ page, request }) => {
    await visit(page, request)
    await expect(banner(page)).toContainText('Your browser sends Global Privacy Control: “Accept all” leaves out what it objects to.')
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect(banner(page)).toBeHidden()
    expect(await state(page)).toMatchObject({ gpc: true, purposes: { analytics: true, marketing: false } })
  })

  test('the visitor can still switch such a purpose on in the preference centre', async ({ page, request }) => {
    await visit(page, request, { lang: 'de' })
    await banner(page).getByRole('button', { name: 'Einstellungen' }).click()
    await centre(page).getByRole('switch', { name: 'Marketing' }).check()
    await centre(page).getByRole('button', { name: 'Auswahl speichern' }).click()
    await expect(centre(page)).toBeHidden()
    expect((await state(page)).purposes).toEqual({ necessary: true, analytics: false, marketing: true })
  })

  test('accept all in the preference centre keeps what the visitor switched on himself', async ({ page, request }) => {
    await visit(page, request)
    await page.evaluate(() => window.candor.set({ marketing: true }))
    await page.evaluate(() => window.candor.showPreferences())
    await centre(page).getByRole('button', { name: 'Accept all' }).click()
    await expect(centre(page)).toBeHidden()
    expect((await state(page)).purposes).toEqual({ necessary: true, analytics: true, marketing: true })
  })
})

test('without Global Privacy Control the banner does not mention it', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  await expect(banner(page)).not.toContainText('Global Privacy Control')
})
