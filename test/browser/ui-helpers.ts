import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { serve } from './shop'
import type { ShopPage } from './shop'

/** A shop config with everything the preference centre shows, in German and English. */
export const shopConfig = {
  policyUrl: '/datenschutz',
  imprintUrl: '/impressum',
  purposes: {
    necessary: {
      title: { de: 'Notwendig', en: 'Necessary' },
      description: { de: 'Warenkorb und Login.', en: 'Cart and login.' },
      required: true,
      services: [{ id: 'shop', name: 'Shop', provider: 'Shop GmbH', cookies: ['candor_consent'] }]
    },
    analytics: {
      title: { de: 'Statistik', en: 'Statistics' },
      description: { de: 'Zählt Besuche, damit wir den Shop verbessern.', en: 'Counts visits so we can improve the shop.' },
      data: { de: 'Aufgerufene Seiten, gekürzte IP-Adresse', en: 'Pages viewed, shortened IP address' },
      legalBasis: { de: 'Art. 6 Abs. 1 lit. a DSGVO', en: 'Art. 6 (1) (a) GDPR' },
      retention: { de: '13 Monate', en: '13 months' },
      services: [
        {
          id: 'matomo',
          name: 'Matomo',
          provider: 'Shop GmbH',
          description: { de: 'Selbst gehostete Statistik.', en: 'Self-hosted statistics.' },
          country: 'DE',
          retention: { de: '13 Monate', en: '13 months' },
          privacyUrl: '/datenschutz#matomo',
          cookies: ['_pk_id.*', '_pk_ses.*'],
          storage: ['pk_*']
        },
        { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd.', country: 'MT', privacyUrl: 'https://www.hotjar.com/privacy/', cookies: ['_hj*'] }
      ]
    },
    marketing: {
      title: 'Marketing',
      description: { de: 'Zeigt unsere Anzeigen auf anderen Seiten.', en: 'Shows our ads on other sites.' },
      services: [{ id: 'meta', name: 'Meta Pixel', provider: 'Meta Platforms Ireland Ltd.', country: 'IE', cookies: ['_fbp'] }]
    }
  }
}

/** What the UI tests vary about a shop page. */
export interface Visit {
  lang?: string
  config?: object
  /** Merged into `config.ui`. */
  ui?: object
  body?: string
  headers?: ShopPage['headers']
}

/** Serves a shop page with the UI config and opens it. */
export async function visit(page: Page, request: APIRequestContext, v: Visit = {}): Promise<void> {
  let config: { ui?: object; purposes: object } = { ...shopConfig, ...v.config }
  if (v.ui) config = { ...config, ui: { ...config.ui, ...v.ui } }
  let path = await serve(request, {
    html: `<!doctype html><html lang="${v.lang ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
<script src="/dist/candor.js"></script></head>
<body><main><h1>Shop</h1><p>Coffee, roasted on Tuesdays.</p><button id="page-button">Add to cart</button>${v.body ?? ''}</main>
<footer><a href="#" data-candor-open>Cookie-Einstellungen</a></footer></body></html>`,
    headers: v.headers
  })
  await page.goto(path)
}

/** The first layer: a labelled region (bar, box) or dialog (modal). */
export const banner = (page: Page, name: string | RegExp = /Your privacy|Ihre Privatsphäre/): Locator =>
  page.getByRole('region', { name }).or(page.getByRole('dialog', { name }))

/** The preference centre. */
export const centre = (page: Page): Locator => page.getByRole('dialog', { name: /Privacy settings|Datenschutz-Einstellungen/ })

/** The state of the page's Candor. */
export const state = (page: Page) => page.evaluate(() => window.candor.$consent.get())

/** The receipt of the latest decision, or null. */
export const receipt = (page: Page) => page.evaluate(() => window.candor.receipt())

/** What is stored: the cookie's value, or null. */
export const stored = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.cookie.split('; ').find(c => c.startsWith('candor_consent='))?.split('=')[1] ?? null)

const shots = fileURLToPath(new URL('screenshots/', import.meta.url))

/** Saves a screenshot for reviewers under test/browser/screenshots/ (git-ignored). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true })
  await page.screenshot({ path: shots + name + '.png' })
}

/** The name of the focused element, looking into shadow roots: its label, aria-label or text. */
export const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    let input = el as HTMLInputElement | null
    return (el?.getAttribute('aria-label') || input?.labels?.[0]?.innerText || (el as HTMLElement | null)?.innerText || '').trim()
  })

/** Presses `key` (Tab by default) until the focused element is named `name`; fails after 40 presses. */
export async function tabTo(page: Page, name: string | RegExp, key = 'Tab'): Promise<void> {
  let seen: string[] = []
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key)
    let now = await focused(page)
    if (typeof name == 'string' ? now == name : name.test(now)) return
    seen.push(now)
  }
  throw new Error(`never focused ${name}; focused: ${seen.join(' | ')}`)
}
