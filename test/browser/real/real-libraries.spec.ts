// Real, unmodified analytics libraries from npm behind Candor. For each one, whatever the visitor
// or their browser did short of granting it, the page fetches nothing from the library's origin,
// sends nothing to its collector and stores nothing; once granted it really sends and stores.
// Every case runs with a cold HTTP cache and a warm one: a cached library costs no request to its
// server, so there the proof is that it never executed (its global is undefined, nothing sent).
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { SHOP, known, serve } from '../shop'
import { COLLECTOR, SCRIPTS, libraries } from './libraries'
import type { Library } from './libraries'

/** One test's own library URL (its own HTTP cache entry and server count) and collector path. */
interface Run {
  lib: Library
  src: string
  collector: string
  id: string
}

const run = (lib: Library): Run => {
  let id = randomUUID()
  return { lib, id, src: `${SCRIPTS}${lib.file}?t=${id}`, collector: `${COLLECTOR}/${id}` }
}

const shop = (r: Run) => ({
  config: {
    reloadOnRevoke: true,
    purposes: {
      necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
      analytics: {
        title: 'Statistics',
        description: 'Counts visits.',
        // Analytics across sites is what Global Privacy Control objects to, so GPC covers it here.
        gpc: true,
        services: [{ id: r.lib.service, name: r.lib.name, provider: r.lib.provider, cookies: r.lib.cookies, storage: r.lib.storage, indexedDB: r.lib.indexedDB }]
      }
    }
  },
  head: `<script type="text/plain" data-consent="analytics/${r.lib.service}" src="${r.src}"></script>
<script type="text/plain" data-consent="analytics/${r.lib.service}">${r.lib.init(r.collector)}</script>`
})

/** Every request the page makes to the library's origin or its collector, cache hits included. */
function watch(page: Page): string[] {
  let seen: string[] = []
  page.on('request', q => {
    if (q.url().startsWith(SCRIPTS) || q.url().startsWith(COLLECTOR)) seen.push(q.url())
  })
  return seen
}

const fetchText = async (page: Page, url: string): Promise<number> => Number(await (await page.request.get(url)).text())
const collected = (page: Page, r: Run) => fetchText(page, `${COLLECTOR}/count?id=${r.id}`)
const served = (page: Page, r: Run) => fetchText(page, `${SCRIPTS}/served?url=${encodeURIComponent(r.src.slice(SCRIPTS.length))}`)

const own = (name: string) => name === 'candor_consent' || name.startsWith('candor_consent.')

/** What the page stored besides Candor's own record: cookies, storage keys, IndexedDB databases. */
async function traces(page: Page, context: BrowserContext) {
  let cookies = (await context.cookies()).map(c => c.name).filter(n => !own(n))
  let inPage = await page.evaluate(async () => {
    let keys = (get: () => Storage) => {
      try {
        let s = get()
        return Array.from({ length: s.length }, (_, i) => s.key(i) ?? '')
      } catch {
        return [] // storage disabled: nothing can be in it
      }
    }
    let databases = await indexedDB.databases().then(
      list => list.map(d => d.name ?? ''),
      () => []
    )
    return { storage: [...keys(() => localStorage), ...keys(() => sessionStorage)], databases }
  })
  return { cookies, storage: inPage.storage.filter(n => !own(n)), databases: inPage.databases }
}

/** Nothing fetched, nothing executed, nothing sent, nothing stored. */
async function nothing(page: Page, context: BrowserContext, r: Run, requests: string[], sentBefore = 0) {
  // Long enough for each library to have sent its first event if it were running.
  await page.waitForTimeout(1500)
  expect(requests).toEqual([])
  expect(await page.evaluate(g => typeof (window as unknown as Record<string, unknown>)[g], r.lib.global)).toBe('undefined')
  expect(await collected(page, r)).toBe(sentBefore)
  expect(await traces(page, context)).toEqual({ cookies: [], storage: [], databases: [] })
}

/** Warm: the library's file is in this context's HTTP cache before the case starts. */
async function prepare(page: Page, r: Run, cache: string) {
  if (cache === 'cold') return
  await page.goto(SHOP + '/health')
  await page.evaluate(async src => {
    // The same credentials mode as a classic script without crossorigin, so it shares the cache entry.
    await fetch(src, { mode: 'no-cors', credentials: 'include' })
    // fetch() settles with the headers, and leaving the page before the body is in cuts the cache
    // entry off (seen under load in CI); the resource timing entry is added once the body is.
    while (!performance.getEntriesByName(src).length) await new Promise(done => setTimeout(done, 10))
  }, r.src)
  expect(await served(page, r)).toBe(1)
}

const tampered = [
  'analytics=1',
  '2.AAAAAAAAAAAAAAAAAAAAAA.0.0.a.en.zzzzzzz.necessary:1:1~analytics:1:1..',
  '2.AAAA.0.0.a.en.x.analytics:1:1',
  '2.AAAAAAAAAAAAAAAAAAAAAA.zzzzzzzzzz.zzzzzzzzzz.a.en.1x2y3z.necessary:1:1~analytics:1:1..',
  '2.AAAAAAAAAAAAAAAAAAAAAA.0.0.a.en.1x2y3z.necessary:1:1~analytics:1:0~analytics:1:1..'
]

for (let lib of libraries) {
  test.describe(lib.name, () => {
    for (let cache of ['cold', 'warm']) {
      test(`${lib.name} (${cache} cache): before a choice, nothing is fetched from its origin or sent to its collector, and nothing is stored`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        let path = await serve(request, shop(r))
        let requests = watch(page)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests)
      })

      test(`${lib.name} (${cache} cache): after Reject all, nothing is fetched, sent or stored, on that page view and the next`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        let path = await serve(request, shop(r))
        let requests = watch(page)
        await page.goto(path)
        await page.evaluate(() => window.candor.rejectAll())
        await nothing(page, context, r, requests)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests)
      })

      test(`${lib.name} (${cache} cache): after Accept all it loads, sends events to its collector and stores its identifiers`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        await page.goto(await serve(request, shop(r)))
        await page.evaluate(() => window.candor.acceptAll())
        await expect.poll(() => page.evaluate(g => typeof (window as unknown as Record<string, unknown>)[g], lib.global)).toBe('object')
        let stored = async () => {
          let t = await traces(page, context)
          return t.cookies.length + t.storage.length
        }
        await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(0)
        // Most libraries send within a moment (Amplitude flushes every 200 ms); others only in a
        // batch when the page is left, so the page is left once the first have had their moment.
        await expect.poll(() => collected(page, r), { timeout: 3000 }).toBeGreaterThan(0).catch(() => undefined)
        await page.goto(SHOP + '/health')
        await expect.poll(() => collected(page, r), { timeout: 10_000 }).toBeGreaterThan(0)
        // Warm: the library came from the HTTP cache, its server saw only the warm-up.
        expect(await served(page, r)).toBe(1)
      })

      test(`${lib.name} (${cache} cache): after accepting and then withdrawing, its cookies, storage and IndexedDB databases are gone and the next page view fetches and sends nothing`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        let path = await serve(request, shop(r))
        await page.goto(path)
        await page.evaluate(() => window.candor.acceptAll())
        await expect.poll(() => page.evaluate(g => typeof (window as unknown as Record<string, unknown>)[g], lib.global)).toBe('object')
        await page.waitForTimeout(1000)
        // Withdrawing reloads the page (reloadOnRevoke), so the running library stops.
        await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.candor.rejectAll())])
        await known(page)
        // What the library sent while it was granted, including its batch on leaving the page.
        await page.waitForTimeout(1000)
        let sentBefore = await collected(page, r)
        let requests = watch(page)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests, sentBefore)
      })

      test(`${lib.name} (${cache} cache): with Global Privacy Control on, Accept all leaves it off: nothing is fetched, sent or stored`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        await page.setExtraHTTPHeaders({ 'Sec-GPC': '1' })
        await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
        let path = await serve(request, shop(r))
        let requests = watch(page)
        await page.goto(path)
        await page.evaluate(() => window.candor.acceptAll())
        expect(await page.evaluate(() => window.candor.granted('analytics'))).toBe(false)
        await nothing(page, context, r, requests)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests)
      })

      test(`${lib.name} (${cache} cache): with a tampered or hand-made consent cookie claiming consent, nothing is fetched, sent or stored`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        let path = await serve(request, shop(r))
        let requests = watch(page)
        for (let value of tampered) {
          await context.addCookies([{ name: 'candor_consent', value, url: SHOP }])
          await page.goto(path)
          await known(page)
          expect(await page.evaluate(() => window.candor.granted('analytics'))).toBe(false)
          await nothing(page, context, r, requests)
        }
      })

      test(`${lib.name} (${cache} cache): with cookies and storage disabled, nothing is fetched, sent or stored before a choice, after Reject all or on the next page view`, async ({ page, context, request }) => {
        let r = run(lib)
        await prepare(page, r, cache)
        await page.addInitScript(() => {
          let insecure = () => {
            throw new DOMException('The operation is insecure.', 'SecurityError')
          }
          Object.defineProperty(window, 'localStorage', { get: insecure })
          Object.defineProperty(window, 'sessionStorage', { get: insecure })
          Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {} })
        })
        let path = await serve(request, shop(r))
        let requests = watch(page)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests)
        await page.evaluate(() => window.candor.rejectAll())
        await nothing(page, context, r, requests)
        await page.goto(path)
        await known(page)
        await nothing(page, context, r, requests)
      })
    }
  })
}
