import type { APIRequestContext, Page } from '@playwright/test'

/** The shop's port; CANDOR_PORT moves both origins, so checkouts can run their tests side by side. */
export const PORT = Number(process.env.CANDOR_PORT) || 4173

/** The shop origin. */
export const SHOP = `http://127.0.0.1:${PORT}`

/** The "third-party" origin: the next port. */
export const TP = `http://127.0.0.1:${PORT + 1}`

/** The demo shop, when the tests start it: clear of the ports above. */
export const DEMO_PORT = PORT + 10

/** The reference consent-log receiver: the port after. */
export const LOG = `http://127.0.0.1:${PORT + 2}`

export interface ShopPage {
  config?: unknown
  head?: string
  body?: string
  headers?: { [name: string]: string }
  /** Replaces the whole document; `config`, `head` and `body` are then ignored. */
  html?: string
}

/** A config with the usual purposes and services that set cookies, for most tests. */
export const config = {
  purposes: {
    necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
    analytics: {
      title: 'Statistics',
      description: 'Counts visits.',
      services: [
        { id: 'matomo', name: 'Matomo', provider: 'Shop', cookies: ['_pk_id.*', '_pk_ses'], storage: ['pk_*'] },
        { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar Ltd.', cookies: ['_hj*'] }
      ]
    },
    marketing: {
      title: 'Marketing',
      description: 'Ads.',
      services: [{ id: 'meta', name: 'Meta Pixel', provider: 'Meta Platforms Ireland', cookies: ['_fbp'] }]
    }
  }
}

/**
 * JSON for a `<script type="application/json">` element: `</script>` or `<!--` in a text would
 * otherwise end the element or change how the parser reads it; JSON reads `\u003c` as `<`.
 */
const json = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c')

/**
 * Serves a shop page with Candor's script tag in its head and returns its path.
 * Every test gets its own page, so tests can run side by side.
 */
export async function serve(request: APIRequestContext, shop: ShopPage): Promise<string> {
  let html =
    shop.html ??
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script>window.ran = []</script>
<script type="application/json" id="candor-config">${json(shop.config ?? config)}</script>
<script src="/dist/candor.js"></script>
${shop.head ?? ''}</head><body>${shop.body ?? ''}</body></html>`
  let response = await request.post(SHOP + '/page', { data: { html, headers: shop.headers ?? {} } })
  return '/p/' + ((await response.json()) as { id: string }).id
}

/** Every URL the page requests from the third-party origin, in order. */
export function thirdPartyRequests(page: Page): string[] {
  let seen: string[] = []
  page.on('request', r => {
    if (r.url().startsWith(TP)) seen.push(r.url().slice(TP.length))
  })
  return seen
}

/** Waits until Candor knows the state: on a first visit, once the validator has checked the config. */
export const known = (page: Page): Promise<unknown> =>
  page.waitForFunction(() => Object.keys(window.candor.$consent.get().purposes).length > 0)

/** Names of the tags that ran, in order. */
export const ran = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { ran: string[] }).ran)

declare global {
  interface Window {
    candor: import('../../src/core/consent').Candor
  }
}
