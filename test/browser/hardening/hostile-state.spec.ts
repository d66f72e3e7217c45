// Issue 6: hostile stored state, as a visitor meets it in Chromium. Each case plants a consent
// cookie and localStorage mirror (written by page script, as anything on the site could), then
// opens the shop: a value that is not a usable record is no decision (the banner asks, nothing
// gated runs or is fetched), a usable one runs exactly its tags, and no exception escapes.
// test/hardening/hostile-state.test.ts runs the same cases and more (every cut, fuzzing) in happy-dom.
import { expect, test } from '@playwright/test'
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test'
import { COOKIE } from '../../../src/core/outline'
import { encode } from '../../../src/core/record'
import type { ConsentRecord } from '../../../src/core/types'
import { PORT, SHOP, TP, config, known, ran, serve, thirdPartyRequests } from '../shop'
import { decision } from '../../hardening/record'
import { banner } from '../ui-helpers'
import { escaped, tags } from './hostile'

const DAY = 864e5

// Beside the analytics and marketing tags: one for a single service, one for a purpose the config does not have.
const body =
  tags +
  `<script type="text/plain" data-consent="analytics/matomo" src="${TP}/tag.js?name=matomo"></script>` +
  `<script type="text/plain" data-consent="ads" src="${TP}/tag.js?name=ads"></script>`

const record = (analytics: boolean, marketing: boolean, o: Partial<ConsentRecord> = {}): string => encode(decision(config, analytics, marketing, o))
const granting = () => record(true, true)
const denying = () => record(true, false)
const withoutMatomo = () => record(true, true, { deniedServices: ['analytics/matomo'] })

/** What is planted: `document.cookie` writes and the mirror's value. */
interface Stored {
  cookies?: string[]
  storage?: string
}
const cookie = (value: string, attributes = '; Path=/'): string => `${COOKIE}=${value}${attributes}`
const placements: { where: string; put: (value: string) => Stored }[] = [
  { where: 'the consent cookie', put: v => ({ cookies: [cookie(v)] }) },
  { where: 'the localStorage mirror', put: v => ({ storage: v }) },
  { where: 'both the cookie and the mirror', put: v => ({ cookies: [cookie(v)], storage: v }) }
]

/** What the visitor gets: asked or not, and the tags that ran, in page order. */
interface Outcome {
  decided: boolean
  ran: string[]
}
const ASKS: Outcome = { decided: false, ran: [] }
const GRANTS: Outcome = { decided: true, ran: ['analytics', 'marketing', 'matomo'] }
const DENIES_MARKETING: Outcome = { decided: true, ran: ['analytics', 'matomo'] }

/** What a test needs to serve pages and plant state; `request` carries none of the page's cookies, which can be unsendable. */
interface Site {
  page: Page
  context: BrowserContext
  request: APIRequestContext
}

/** Clears the site's cookies and storage, then writes `stored` from a page on `origin`, the way page script would. */
async function plant({ page, context, request }: Site, origin: string, stored: Stored): Promise<void> {
  await context.clearCookies()
  await page.goto(origin + (await serve(request, { html: '<!doctype html><title>Planting</title>' })))
  let jar = await page.evaluate(
    ({ name, cookies, storage }) => {
      localStorage.clear()
      for (let c of cookies) document.cookie = c
      if (storage !== undefined) localStorage.setItem(name, storage)
      return document.cookie
    },
    { name: COOKIE, cookies: stored.cookies ?? [], storage: stored.storage }
  )
  // Otherwise the case would test an empty jar: Chromium refuses some values outright.
  if (stored.cookies?.length) expect(jar).toContain(COOKIE + '=')
}

/** Opens the shop on `stored` and checks the outcome; no exception escapes. */
async function expectOutcome(site: Site, stored: Stored, o: Outcome, origin = SHOP): Promise<void> {
  let { page } = site
  let { none } = escaped(page)
  let path = await serve(site.request, { body })
  await plant(site, origin, stored)
  let requests = thirdPartyRequests(page)
  await page.goto(origin + path)
  await known(page)
  await expect(banner(page)).toBeVisible({ visible: !o.decided })
  await expect.poll(() => ran(page)).toEqual(o.ran)
  expect(await page.evaluate(() => window.candor.$consent.get().decided)).toBe(o.decided)
  expect(requests.map(r => new URL(r, TP).searchParams.get('name'))).toEqual(o.ran)
  none()
}

const cases: { name: string; stored: () => Stored[]; outcome: Outcome }[] = [
  ...placements.map(p => ({
    name: `random bytes, "=;", unicode or an empty value in ${p.where} is ignored: the banner asks and no tag runs`,
    stored: () => ["!#$&'()*+-/:<>?@[]^_`{|}~q%", '=;', 'ünïcødé 同意 ✓ 🍪', ''].map(p.put),
    outcome: ASKS
  })),
  ...placements.map(p => ({
    name: `a consent record cut short in ${p.where} (inside the denied services, before the closing dot, mid-field) is ignored: the banner asks and no tag runs`,
    stored: () => [withoutMatomo().slice(0, -4), withoutMatomo().slice(0, -1), withoutMatomo().slice(0, withoutMatomo().lastIndexOf('.', withoutMatomo().length - 2) + 1), withoutMatomo().slice(0, 30)].map(p.put),
    outcome: ASKS
  })),
  {
    name: 'a consent cookie cut short gives way to an intact mirror: the service it denies stays off',
    stored: () => [{ cookies: [cookie(withoutMatomo().slice(0, -1))], storage: withoutMatomo() }],
    outcome: { decided: true, ran: ['analytics', 'marketing'] }
  },
  ...placements.map(p => ({
    name: `a broken percent-encoding (%E0%A4%A, %, %zz) in ${p.where} is ignored: the banner asks and no tag runs`,
    stored: () => ['%E0%A4%A', '%', '%zz', encodeURIComponent(granting())].map(p.put),
    outcome: ASKS
  })),
  {
    name: 'broken percent-encodings in other cookies do not stop the consent cookie from being read: exactly its tags run',
    stored: () => [{ cookies: ['a=%E0%A4%A; Path=/', 'b=%; Path=/', '%zz=%zz; Path=/', cookie(denying())], storage: denying() }],
    outcome: DENIES_MARKETING
  },
  {
    name: 'JSON (an array, a number, null, an object) in the localStorage mirror is ignored: the banner asks and no tag runs',
    stored: () => ['[]', '42', 'null', '{"analytics":true,"marketing":true}', JSON.stringify(granting())].map(storage => ({ storage })),
    outcome: ASKS
  },
  {
    name: 'a record without an answer for marketing runs the analytics tags and asks about marketing',
    stored: () => placements.map(p => p.put(record(true, true, { purposes: { analytics: { granted: true, version: 1 } } }))),
    outcome: { decided: false, ran: ['analytics', 'matomo'] }
  },
  {
    name: 'a 4 kB consent cookie, even one shaped like a record, is ignored: the banner asks and no tag runs',
    stored: () => [record(true, true, { deniedServices: Array.from({ length: 250 }, (_, i) => `pad/s${i}`) }), 'x'.repeat(4000)].map(v => ({ cookies: [cookie(v)], storage: v })),
    outcome: ASKS
  },
  {
    name: 'a 5 MB value in the localStorage mirror is ignored: the banner asks and no tag runs',
    stored: () => [{ storage: granting() + 'x'.repeat(5e6) }],
    outcome: ASKS
  },
  {
    name: 'a 5 MB value in the localStorage mirror does not stop the consent cookie from being read: exactly its tags run',
    stored: () => [{ cookies: [cookie(denying())], storage: granting() + 'x'.repeat(5e6) }],
    outcome: DENIES_MARKETING
  },
  {
    name: 'a record dated more than a minute in the future is ignored: the banner asks and no tag runs',
    stored: () => placements.map(p => p.put(record(true, true, { decidedAt: Date.now() + 2 * 6e4, updatedAt: Date.now() + 2 * 6e4 }))),
    outcome: ASKS
  },
  {
    name: 'a record of another format version (lower or higher) is ignored: the banner asks again and no tag runs',
    stored: () => ['1', '3'].flatMap(v => placements.map(p => p.put(v + granting().slice(1)))),
    outcome: ASKS
  },
  {
    name: 'grants for a purpose the config does not have run nothing, and the known purposes stay as decided',
    stored: () => placements.map(p => p.put(record(true, false, { purposes: { analytics: { granted: true, version: 1 }, ads: { granted: true, version: 1 }, marketing: { granted: false, version: 1 } } }))),
    outcome: DENIES_MARKETING
  },
  {
    name: 'an answer other than exactly 0 or 1 is ignored: the banner asks and no tag runs',
    stored: () => ['2', 'true', '1:0'].flatMap(flag => placements.map(p => p.put(denying().replace('marketing:1:0', 'marketing:1:' + flag)))),
    outcome: ASKS
  },
  {
    // The record is not signed (SECURITY.md): an edit that keeps it well-formed is read as a decision.
    name: 'a denial hand-edited to a grant in the cookie, with the mirror still denying, is the decision: the cookie is trusted over the mirror',
    stored: () => [{ cookies: [cookie(denying().replace('marketing:1:0', 'marketing:1:1'))], storage: denying() }],
    outcome: GRANTS
  },
  {
    name: 'the cookie denies marketing, the mirror grants it: the marketing tag does not run',
    stored: () => [{ cookies: [cookie(denying())], storage: granting() }],
    outcome: DENIES_MARKETING
  },
  {
    name: 'the cookie grants marketing, the mirror denies it: the cookie is the decision',
    stored: () => [{ cookies: [cookie(granting())], storage: denying() }],
    outcome: GRANTS
  },
  {
    name: 'no cookie, or a damaged or expired one, and a valid mirror: the mirror is the decision',
    stored: () => [undefined, granting().slice(0, 40), record(true, true, { decidedAt: Date.now() - 200 * DAY, updatedAt: Date.now() - 190 * DAY })].map(c => ({ cookies: c ? [cookie(c)] : [], storage: denying() })),
    outcome: DENIES_MARKETING
  }
]

for (let c of cases) {
  test(c.name, async ({ page, context, request }) => {
    for (let stored of c.stored()) await expectOutcome({ page, context, request }, stored, c.outcome)
  })
}

test.describe('a host-only cookie on www.shop.test granting marketing, and a Domain=shop.test one denying it', () => {
  const www = `http://www.shop.test:${PORT}`
  const apex = `http://shop.test:${PORT}`
  const duplicates = (grants: string, denies: string) => ({ cookies: [cookie(grants), cookie(denies, '; Domain=shop.test; Path=/')], storage: grants })
  const consentCookies = async (context: BrowserContext) => (await context.cookies([www])).filter(c => c.name == COOKIE)

  test('on www.shop.test the denying one wins, the marketing tag never runs, and one cookie is left', async ({ page, context, request }) => {
    let denies = denying()
    await expectOutcome({ page, context, request }, duplicates(granting(), denies), DENIES_MARKETING, www)
    expect((await consentCookies(context)).map(c => c.value)).toEqual([denies])
    // The next decision starts from the denying copy and still stores a single cookie.
    await page.evaluate(() => window.candor.set({ 'analytics/hotjar': false }))
    let left = await consentCookies(context)
    expect(left).toHaveLength(1)
    expect(left[0]!.value).toContain('marketing:1:0')
    await page.reload()
    await known(page)
    expect(await ran(page)).toEqual(['analytics', 'matomo'])
  })

  test('on shop.test only the Domain cookie is seen: its denial holds and the marketing tag never runs', async ({ page, context, request }) => {
    let { none } = escaped(page)
    await plant({ page, context, request }, www, duplicates(granting(), denying()))
    let requests = thirdPartyRequests(page)
    await page.goto(apex + (await serve(request, { body })))
    await known(page)
    await expect.poll(() => ran(page)).toEqual(['analytics', 'matomo'])
    expect(requests.some(r => r.includes('marketing'))).toBe(false)
    none()
  })
})
