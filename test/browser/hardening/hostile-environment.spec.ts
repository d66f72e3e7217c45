// Issue 6: Candor fails closed and loses nothing in a hostile page environment. Every test checks
// that no exception escapes to the page, that nothing gated runs or is fetched before consent,
// and that the visitor's decision holds as long as README ("What is stored") promises.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { SHOP, TP, config, known, ran, serve, thirdPartyRequests } from '../shop'
import { banner } from '../ui-helpers'
import { endpoint, escaped, tags } from './hostile'

const acceptAll = (page: Page) => banner(page).getByRole('button', { name: 'Accept all' }).click()
const state = (page: Page) => page.evaluate(() => window.candor.$consent.get())

/** Nothing gated ran or was fetched, and the banner asks. */
async function asksFirst(page: Page, requests: string[]): Promise<void> {
  await expect(banner(page)).toBeVisible()
  expect(await ran(page)).toEqual([])
  expect(requests).toEqual([])
}

const storageCases: { name: string; breaks: () => void; kept: boolean }[] = [
  {
    name: 'with cookies disabled, the banner still works and nothing gated runs before Accept all',
    breaks: () => Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {} }),
    // The mirror alone is not enough for a page view to apply a decision; the validator settles it.
    kept: true
  },
  {
    name: 'with the localStorage getter throwing, the banner works and the cookie keeps the decision',
    breaks: () =>
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError')
        }
      }),
    kept: true
  },
  {
    name: 'with setItem throwing quota errors, the banner works and the cookie keeps the decision',
    breaks: () => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    },
    kept: true
  }
]

for (let c of storageCases) {
  test(c.name, async ({ page, request }) => {
    let { none } = escaped(page)
    let requests = thirdPartyRequests(page)
    await page.addInitScript(c.breaks)
    await page.goto(await serve(request, { body: tags }))
    await asksFirst(page, requests)
    await acceptAll(page)
    await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
    await expect(banner(page)).toBeHidden()
    await page.reload()
    await known(page)
    // Kept: the same grants on the next page view. Never inverted, never more than was chosen.
    let s = await state(page)
    if (c.kept) expect(s).toMatchObject({ decided: true, purposes: { analytics: true, marketing: true } })
    else expect(s.decided ? s.purposes : {}).not.toMatchObject({ analytics: false })
    await expect.poll(() => ran(page)).toEqual(s.decided ? ['analytics', 'marketing'] : [])
    none()
  })
}

test('in a sandboxed iframe with an opaque origin, the banner works, nothing gated runs before Accept all and no exception escapes', async ({ page, request }) => {
  let requests = thirdPartyRequests(page)
  // The tags write no cookie: in an opaque origin that would throw in the tag itself, not in Candor.
  let frameTags = tags.replace('&cookie=_fbp', '')
  let inner = `<!doctype html><html lang="en"><head><script>window.ran = []; window.errors = [];
    addEventListener('error', e => errors.push(String(e.message))); addEventListener('unhandledrejection', e => errors.push(String(e.reason)))</script>
    <script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
    <script src="${SHOP}/dist/candor.js"></script></head><body>${frameTags}</body></html>`
  let { none } = escaped(page)
  await page.goto(await serve(request, { body: `<iframe sandbox="allow-scripts" srcdoc="${inner.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>` }))
  let frame = page.frames()[1]!
  await frame.waitForFunction(() => !!window.candor)
  // document.cookie and localStorage throw SecurityError here; Candor must not let that escape.
  expect(await frame.evaluate(() => { try { return document.cookie } catch (e) { return (e as Error).name } })).toBe('SecurityError')
  // Its dynamic imports are cross-origin requests: Candor's files need CORS there (as the test server sends).
  let frameRan = () => frame.evaluate(() => (window as unknown as { ran: string[] }).ran)
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible()
  expect(await frameRan()).toEqual([])
  expect(requests).toEqual([])
  await frame.getByRole('button', { name: 'Accept all' }).click()
  // Nothing can be stored there: the decision holds for the page view.
  await expect.poll(frameRan).toEqual(['analytics', 'marketing'])
  expect(await frame.evaluate(() => window.candor.$consent.get().decided)).toBe(true)
  expect(await frame.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual([])
  none()
})

const twice: { name: string; head: string }[] = [
  { name: 'with the script loaded twice, a tag runs once and one decision makes one receipt', head: '<script src="/dist/candor.js"></script>' },
  {
    name: 'with two different versions on one page (candor.js and candor-full.js), the first stays in charge and a tag runs once',
    head: '<script src="/dist/candor-full.js"></script>'
  }
]
for (let c of twice) {
  test(c.name, async ({ page, request }) => {
    let { none } = escaped(page)
    let requests = thirdPartyRequests(page)
    let log = endpoint('ok')
    await page.goto(await serve(request, { config: { ...config, logEndpoint: log.url }, head: c.head, body: tags }))
    await asksFirst(page, requests)
    await acceptAll(page)
    await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
    await expect.poll(() => log.hits(page)).toHaveLength(1)
    await page.waitForTimeout(300)
    expect(await ran(page)).toEqual(['analytics', 'marketing'])
    expect(requests).toHaveLength(2)
    expect(await page.locator('candor-consent').count()).toBe(1)
    none()
  })
}

test('with the script loaded async after the gated markup, nothing runs before consent and each tag runs once after', async ({ page, request }) => {
  let { none } = escaped(page)
  let requests = thirdPartyRequests(page)
  let html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>window.ran = []</script>
    <script type="application/json" id="candor-config">${JSON.stringify(config)}</script></head>
    <body>${tags}<script type="text/plain" data-consent="analytics">ran.push('inline')</script>
    <script async src="/dist/candor.js"></script></body></html>`
  await page.goto(await serve(request, { html }))
  await asksFirst(page, requests)
  await acceptAll(page)
  await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing', 'inline'])
  await page.waitForTimeout(300)
  expect(await ran(page)).toEqual(['analytics', 'marketing', 'inline'])
  none()
})

test('a gated tag that removes its own element runs once and the tags after it still run', async ({ page, request }) => {
  let { none } = escaped(page)
  let body = `<script type="text/plain" data-consent="analytics">ran.push('self'); document.currentScript.remove()</script>
    <script type="text/plain" data-consent="analytics">ran.push('after')</script>`
  await page.goto(await serve(request, { body }))
  await asksFirst(page, [])
  await acceptAll(page)
  await expect.poll(() => ran(page)).toEqual(['self', 'after'])
  await page.evaluate(() => window.candor.set({ marketing: false }))
  await page.evaluate(() => window.candor.acceptAll())
  expect(await ran(page)).toEqual(['self', 'after'])
  none()
})

test('after pushState navigation, new gated embeds wait for consent and each runs once', async ({ page, request }) => {
  let { none } = escaped(page)
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { body: '<main id="app"></main>' }))
  await known(page)
  let route = (name: string) =>
    page.evaluate(
      ([n, tp]) => {
        history.pushState({}, '', '/spa/' + n)
        let view = document.createElement('section')
        view.innerHTML = `<iframe data-consent="marketing" data-src="${tp}/frame.html?${n}"></iframe>`
        let s = document.createElement('script')
        s.type = 'text/plain'
        s.dataset.consent = 'analytics'
        s.src = `${tp}/tag.js?name=${n}`
        view.append(s)
        document.getElementById('app')!.replaceChildren(view)
      },
      [name, TP]
    )
  await route('one')
  await page.waitForTimeout(300)
  await asksFirst(page, requests)
  await acceptAll(page)
  await expect.poll(() => ran(page)).toEqual(['one'])
  await route('two')
  await expect.poll(() => ran(page)).toEqual(['one', 'two'])
  await expect.poll(() => requests.filter(u => u.startsWith('/frame.html'))).toEqual(['/frame.html?one', '/frame.html?two'])
  none()
})

test('DOM clobbering of the globals the core reads (<img name="candor">, <form id="dataLayer">, <img name="cookie">) breaks nothing and grants nothing', async ({ page, request }) => {
  let { none } = escaped(page)
  let requests = thirdPartyRequests(page)
  let clobber = `<img name="candor"><form id="dataLayer"></form><form name="currentScript"></form><img name="cookie"><form id="candor-config"></form><img name="localStorage">`
  await page.goto(await serve(request, { config: { ...config, consentMode: true }, body: clobber + tags }))
  await asksFirst(page, requests)
  await acceptAll(page)
  await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
  expect(await page.evaluate(() => Array.isArray((window as unknown as { dataLayer: unknown }).dataLayer))).toBe(true)
  none()
})

test('page code overwriting window.candor and a throwing dataLayer.push after init does not stop the banner or the gate', async ({ page, request }) => {
  let { errors } = escaped(page)
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { config: { ...config, consentMode: true }, body: tags }))
  await known(page)
  await page.evaluate(() => {
    let w = window as unknown as { candor: unknown; dataLayer: { push: () => never } }
    w.candor = { acceptAll: () => 'hijacked', granted: () => true }
    w.dataLayer.push = () => {
      throw new Error('page code broke dataLayer.push')
    }
  })
  await asksFirst(page, requests)
  await acceptAll(page)
  await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
  // The page's own broken function is reported (window error event, for error monitoring), never
  // thrown at Candor: that is the only error, and the gate went on.
  expect([...new Set(errors)]).toEqual(['page code broke dataLayer.push'])
})

const presses: { name: string; press: (page: Page) => Promise<void> }[] = [
  { name: 'a double click on Accept all makes one decision and one receipt', press: page => banner(page).getByRole('button', { name: 'Accept all' }).dblclick() },
  {
    name: 'Enter then a click on Reject all make one decision and one receipt',
    press: async page => {
      let button = await banner(page).getByRole('button', { name: 'Reject all' }).elementHandle()
      await button!.press('Enter')
      // The click only while the button is still on the page, as a visitor's would be.
      await button!.evaluate(b => b.isConnected && (b as HTMLButtonElement).click())
    }
  }
]
for (let c of presses) {
  test(c.name, async ({ page, request }) => {
    let { none } = escaped(page)
    let log = endpoint('ok')
    await page.goto(await serve(request, { config: { ...config, logEndpoint: log.url }, body: tags }))
    await asksFirst(page, [])
    let changes = await page.evaluateHandle(() => {
      let seen: number[] = []
      window.candor.on('change', s => s.decided && seen.push(s.updatedAt!))
      return seen
    })
    await c.press(page)
    await expect.poll(() => log.hits(page)).toHaveLength(1)
    await page.waitForTimeout(500)
    expect(await log.hits(page)).toHaveLength(1)
    expect(await changes.evaluate(s => s.length)).toBe(1)
    let receipt = await page.evaluate(() => window.candor.receipt())
    expect(JSON.parse((await log.hits(page))[0]!).receipt).toEqual(receipt)
    none()
  })
}

test('two quick API decisions before the lazy part loaded take turns: one consent id, the last one wins', async ({ page, request }) => {
  let { none } = escaped(page)
  let log = endpoint('ok')
  let url = await serve(request, { config: { ...config, logEndpoint: log.url }, body: tags })
  await page.goto(url)
  await page.evaluate(() => window.candor.rejectAll())
  await page.reload()
  // A returning visitor: candor-decide.js is not loaded yet when both calls are made.
  await page.evaluate(() => Promise.all([window.candor.acceptAll(), window.candor.set({ marketing: false })]))
  expect(await state(page)).toMatchObject({ purposes: { analytics: true, marketing: false } })
  // Three decisions, under one consent id. An entry still in flight when the page was left is sent
  // again on the next page view under the same key (the endpoint answers it idempotently).
  let posted = async () => (await log.hits(page)).map(h => JSON.parse(h) as { key: string; receipt: { id: string; method: string } })
  await expect.poll(async () => new Set((await posted()).map(p => p.key)).size).toBe(3)
  expect(new Set((await posted()).map(p => p.receipt.id)).size).toBe(1)
  await page.reload()
  expect(await state(page)).toMatchObject({ decided: true, purposes: { analytics: true, marketing: false } })
  none()
})

const YEAR = 365 * 864e5
for (let skew of [2, -2]) {
  test(`with the clock ${skew > 0 ? 'two years ahead' : 'two years behind'}, a fresh decision is recorded and kept, and it is not valid once the clock is right`, async ({ page, request, context, browser }) => {
    let { none } = escaped(page)
    let url = await serve(request, { body: tags })
    let at = Date.now() + skew * YEAR
    await page.clock.install({ time: at })
    await page.goto(url)
    await asksFirst(page, [])
    await acceptAll(page)
    await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
    let receipt = (await page.evaluate(() => window.candor.receipt()))!
    expect(Math.abs(Date.parse(receipt.decidedAt) - at)).toBeLessThan(60_000)
    await page.reload()
    await known(page)
    expect(await state(page)).toMatchObject({ decided: true })
    // Back on the right clock: a decision dated two years ahead is "in the future", one two years
    // old is past expiresDays (180): either way the visitor is asked again and nothing runs.
    let right = await browser.newContext({ baseURL: SHOP, storageState: await context.storageState() })
    let later = await right.newPage()
    let after = escaped(later)
    await later.goto(url)
    await known(later)
    expect(await state(later)).toMatchObject({ decided: false, purposes: { analytics: false, marketing: false } })
    expect(await ran(later)).toEqual([])
    await right.close()
    after.none()
    none()
  })
}
