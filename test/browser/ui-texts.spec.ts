import { expect, test } from '@playwright/test'
import { banner, centre, shopConfig, visit } from './ui-helpers'

test('config.language wins over <html lang>', async ({ page, request }) => {
  await visit(page, request, { lang: 'en', config: { language: 'de' } })
  await expect(banner(page, 'Ihre Privatsphäre').getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible()
  expect(await banner(page).evaluate(el => el.closest('[lang]')!.getAttribute('lang'))).toBe('de')
})

test('a regional <html lang> gets the texts of its language', async ({ page, request }) => {
  await visit(page, request, { lang: 'de-AT' })
  await expect(banner(page, 'Ihre Privatsphäre').getByRole('listitem').first()).toHaveText('Statistik: Zählt Besuche, damit wir den Shop verbessern.')
})

test.describe('on a page without a language', () => {
  test.use({ locale: 'de-DE' })

  test('the browser language decides', async ({ page, request }) => {
    await visit(page, request, { lang: '' })
    await expect(banner(page, 'Ihre Privatsphäre')).toBeVisible()
  })
})

test('another language falls back to English, never to an empty label, and overrides count per language', async ({ page, request }) => {
  let warnings: string[] = []
  page.on('console', m => m.type() == 'warning' && warnings.push(m.text()))
  await visit(page, request, {
    lang: 'fr',
    config: {
      texts: { fr: { acceptAll: 'Tout accepter', rejectAll: '' }, de: { acceptAll: 'Alle erlauben', bogus: 'x' } },
      purposes: {
        ...shopConfig.purposes,
        analytics: { ...shopConfig.purposes.analytics, title: { fr: 'Statistiques', en: 'Statistics' } },
        marketing: { title: { de: 'Werbung' }, description: 'Ads.' }
      }
    }
  })
  let layer = banner(page, 'Your privacy')
  await expect(layer.getByRole('button')).toHaveText(['Tout accepter', 'Reject all', 'Settings'])
  await expect(layer.getByRole('listitem')).toHaveText(['Statistiques: Counts visits so we can improve the shop.', 'Werbung: Ads.'])
  expect(warnings).toEqual(['[candor] texts.de.bogus: unknown text key, ignored'])
})

test('every built-in text can be overridden per language', async ({ page, request }) => {
  await visit(page, request, {
    lang: 'de',
    config: { texts: { de: { bannerTitle: 'Datenschutz bei uns', acceptAll: 'Alle erlauben', settings: 'Auswahl', save: 'Übernehmen' } } }
  })
  let layer = banner(page, 'Datenschutz bei uns')
  await expect(layer.getByRole('button')).toHaveText(['Alle erlauben', 'Alle ablehnen', 'Auswahl'])
  await layer.getByRole('button', { name: 'Auswahl' }).click()
  await expect(centre(page).getByRole('button', { name: 'Übernehmen' })).toBeVisible()
})

test('texts from the config are shown as text, never run as HTML', async ({ page, request }) => {
  await visit(page, request, {
    config: {
      purposes: {
        ...shopConfig.purposes,
        marketing: { title: '<b>Ads</b>', description: '<img src=x onerror="window.pwned = 1">' }
      }
    }
  })
  await expect(banner(page).getByRole('listitem').nth(1)).toHaveText('<b>Ads</b>: <img src=x onerror="window.pwned = 1">')
  expect(await page.evaluate(() => document.querySelector('candor-consent')!.shadowRoot!.querySelectorAll('img, li b b').length)).toBe(0)
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
})

test('{policy} and {imprint} in texts become links to the configured URLs; without one the label stays text', async ({ page, request }) => {
  await visit(page, request, {
    config: {
      imprintUrl: undefined,
      texts: { en: { bannerText: 'Read our {policy} or the {imprint}. {other} stays.' } },
      purposes: { ...shopConfig.purposes, marketing: { title: 'Marketing', description: 'See {policy}.' } }
    }
  })
  let layer = banner(page)
  await expect(layer.getByText('Read our Privacy Policy or the Imprint. {other} stays.')).toBeVisible()
  await expect(layer.getByRole('link')).toHaveCount(2)
  await expect(layer.getByRole('link').nth(1)).toHaveAttribute('href', '/datenschutz')
  await expect(layer.getByRole('link', { name: 'Imprint' })).toHaveCount(0)
})

test('the shop can theme it through custom properties and the config, but its CSS cannot break it', async ({ page, request }) => {
  await visit(page, request, {
    ui: { radius: '2px' },
    body: `<style>
      candor-consent { --candor-accent: #00524c; --candor-font: Georgia, serif }
      * { color: red !important; display: inline !important; font-size: 40px }
      h2, button { visibility: hidden }
    </style>`
  })
  let button = banner(page).getByRole('button', { name: 'Accept all' })
  await expect(button).toBeVisible()
  expect(
    await button.evaluate(el => {
      let s = getComputedStyle(el)
      return [s.backgroundColor, s.borderRadius, s.fontFamily, s.fontSize]
    })
  ).toEqual(['rgb(0, 82, 76)', '2px', 'Georgia, serif', '16px'])
  await expect(banner(page).getByRole('heading', { name: 'Your privacy' })).toBeVisible()
  expect(await banner(page).getByRole('heading').evaluate(el => getComputedStyle(el).color)).toBe('rgb(31, 31, 31)')
})

test("speaks in the shop's font unless told otherwise", async ({ page, request }) => {
  await visit(page, request, { body: '<style>body { font: 12px Georgia, serif }</style>' })
  let text = banner(page).getByRole('button', { name: 'Accept all' })
  await expect(text).toBeVisible()
  expect(await text.evaluate(el => [getComputedStyle(el).fontFamily, getComputedStyle(el).fontSize])).toEqual(['Georgia, serif', '16px'])
})

test('its CSS does not leak into the shop', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  let look = await page.locator('#page-button').evaluate(el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontWeight])
  expect(look).not.toContain('rgb(11, 87, 208)')
  expect(look[1]).toBe('400')
})

test('lives in an open shadow root of one <candor-consent> element, first in <body>', async ({ page, request }) => {
  await visit(page, request)
  await expect(banner(page)).toBeVisible()
  expect(
    await page.evaluate(() => {
      let host = document.body.firstElementChild!
      return [host.tagName, host.shadowRoot?.mode, document.querySelectorAll('candor-consent').length, host.shadowRoot!.querySelectorAll('style, [style]').length]
    })
  ).toEqual(['CANDOR-CONSENT', 'open', 1, 0])
})
