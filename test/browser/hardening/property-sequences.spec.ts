// Issue 6: random sequences of what visitors and sites do, in real Chromium: clicks in the banner
// and the preference centre, API calls, reloads and a config change. After every step the page
// must agree with the model (test/hardening/consent-model.ts): the state, the tags that ran, the
// stored record and whether the banner asks.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import fc from 'fast-check'
import { decode } from '../../../src/core/record'
import type { Choices } from '../../../src/core/types'
import { EXPRESSIONS, all, decide, expected, pageView, saved, sorted, stored, withPersonalisation } from '../../hardening/consent-model'
import type { Decision, Shape } from '../../hardening/consent-model'
import { SHOP, config, known, ran, serve } from '../shop'
import { banner, centre, state } from '../ui-helpers'
import { escaped } from './hostile'

const configs = { base: config, personalisation: withPersonalisation(config) }
type Which = keyof typeof configs

const body =
  EXPRESSIONS.map(e => `<script type="text/plain" data-consent="${e}">ran.push(${JSON.stringify(e)})</script>`).join('') +
  '<footer><a href="#" data-candor-open>Cookie settings</a></footer>'

// The purposes' switches, by the titles the preference centre shows.
const TITLES: { [purpose: string]: string } = { analytics: 'Statistics', marketing: 'Marketing', personalisation: 'Tips' }

type Step =
  /** "Accept all" or "Reject all" in the banner; once decided, in the preference centre opened by the page's link. */
  | { kind: 'click'; accept: boolean }
  /** Opens the preference centre, clicks purpose switches, then saves or closes it with Esc. */
  | { kind: 'centre'; via: 'banner' | 'link' | 'api'; flips: string[]; save: boolean }
  | { kind: 'api'; call: 'acceptAll' | 'rejectAll' | 'forget' }
  | { kind: 'set'; choices: Choices }
  | { kind: 'reload' }
  /** Goes to the page with the other config: one more purpose, or one fewer. */
  | { kind: 'config' }

// Clicks and config changes weigh more: what goes wrong on a re-consent takes a decision, a new
// purpose and then a click.
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('click' as const), accept: fc.boolean() }), weight: 3 },
  fc.record({
    kind: fc.constant('centre' as const),
    via: fc.constantFrom('banner' as const, 'link' as const, 'api' as const),
    flips: fc.array(fc.constantFrom(...Object.keys(TITLES)), { maxLength: 3 }),
    save: fc.boolean()
  }),
  fc.record({ kind: fc.constant('api' as const), call: fc.constantFrom('acceptAll' as const, 'rejectAll' as const, 'forget' as const) }),
  fc
    .record(
      { analytics: fc.boolean(), marketing: fc.boolean(), 'analytics/matomo': fc.boolean(), 'analytics/hotjar': fc.boolean(), 'marketing/meta': fc.boolean() },
      { requiredKeys: [] }
    )
    .map(choices => ({ kind: 'set' as const, choices })),
  fc.constant<Step>({ kind: 'reload' }),
  { arbitrary: fc.constant<Step>({ kind: 'config' }), weight: 2 }
)

/** How often each tag ran on this page view. */
const counts = async (page: Page): Promise<{ [expression: string]: number }> => {
  let seen: { [expression: string]: number } = {}
  for (let e of await ran(page)) seen[e] = (seen[e] ?? 0) + 1
  return seen
}

/** Opens the preference centre: from the banner while it asks, else by the page's link, or by the API. */
async function openCentre(page: Page, via: 'banner' | 'link' | 'api', asking: boolean): Promise<void> {
  if (via == 'api') await page.evaluate(() => window.candor.showPreferences())
  else if (via == 'banner' && asking) await banner(page).getByRole('button', { name: 'Settings' }).click()
  else await page.getByRole('link', { name: 'Cookie settings' }).click()
  await expect(centre(page)).toBeVisible()
}

/** Runs a step of this page view and returns the decision it must leave. */
async function run(page: Page, s: Exclude<Step, { kind: 'reload' | 'config' }>, on: Shape, d: Decision | null): Promise<Decision | null> {
  let asking = !expected(on, d).decided
  let name = (accept: boolean) => (accept ? 'Accept all' : 'Reject all')
  switch (s.kind) {
    case 'click':
      if (asking) {
        await banner(page).getByRole('button', { name: name(s.accept) }).click()
        // The banner on a re-consent decides only what it asks about.
        return all(on, d, s.accept, true)
      }
      await openCentre(page, 'link', false)
      await centre(page).getByRole('button', { name: name(s.accept) }).click()
      await expect(centre(page)).toBeHidden()
      return all(on, d, s.accept)
    case 'centre': {
      await openCentre(page, s.via, asking)
      let flips = s.flips.filter(p => Object.hasOwn(on.purposes, p))
      for (let p of flips) await centre(page).getByRole('switch', { name: TITLES[p], exact: true }).click()
      if (s.save) await centre(page).getByRole('button', { name: 'Save choices' }).click()
      else await page.keyboard.press('Escape')
      await expect(centre(page)).toBeHidden()
      return s.save ? decide(on, d, saved(on, d, flips)) : d
    }
    case 'api':
      await page.evaluate(call => window.candor[call](), s.call)
      return s.call == 'forget' ? null : all(on, d, s.call == 'acceptAll')
    case 'set': {
      let refused = await page.evaluate(c => window.candor.set(c).then(() => '', (e: Error) => e.message), s.choices)
      let next: Decision | null
      try {
        next = decide(on, d, s.choices)
      } catch {
        // Candor must refuse it as a whole, and say so.
        expect(refused).toMatch(/^\[candor\] set\(\): /)
        return d
      }
      expect(refused).toBe('')
      return next
    }
  }
}

/** After every step: Candor's state, the tags, the stored record and the banner agree with the model. */
async function check(page: Page, on: Shape, d: Decision | null, tags: Set<string>): Promise<void> {
  let want = expected(on, d)
  await expect.poll(async () => {
    let { decided, pending, purposes, services } = await state(page)
    return { decided, pending, purposes, services }
  }).toEqual(want)
  // Each tag whose expression held at some point of this page view ran, once; no other did.
  await expect.poll(() => counts(page)).toEqual(Object.fromEntries([...tags].map(e => [e, 1])))
  let cookie = (await page.context().cookies()).filter(c => c.name == 'candor_consent')
  expect(cookie.length).toBeLessThanOrEqual(1)
  let value = cookie[0]?.value ?? null
  let record = decode(value)
  expect(stored(record)).toEqual(sorted(d))
  expect(await page.evaluate(() => localStorage.getItem('candor_consent'))).toBe(value)
  // The record is the decision the page's Candor made or read: the same consent id and time.
  let { id, updatedAt } = await state(page)
  expect([id, updatedAt]).toEqual([record?.id ?? null, record?.updatedAt ?? null])
  if (want.decided) await expect(banner(page)).toBeHidden()
  else await expect(banner(page)).toBeVisible()
}

test('random sequences of clicks, API calls, reloads and config changes keep the gate, the stored record and the banner consistent', async ({ browser, request }) => {
  let paths = { base: await serve(request, { config: configs.base, body }), personalisation: await serve(request, { config: configs.personalisation, body }) }
  // Fixed, so every run tries the same sequences; fast-check prints it on failure. FC_SEED=<seed>
  // replays a failure or, with a new value, tries other sequences.
  let seed = Number(process.env.FC_SEED ?? 2026)
  let numRuns = Number(process.env.FC_RUNS) || 15
  // A run takes 2–3 s: a fresh context, a first visit and up to eight steps.
  test.setTimeout(30_000 + numRuns * 6_000)
  test.info().annotations.push({ type: 'seed', description: String(seed) })
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async steps => {
      let context = await browser.newContext({ baseURL: SHOP })
      try {
        let page = await context.newPage()
        let { none } = escaped(page)
        let which: Which = 'base'
        let d: Decision | null = null
        let view = pageView()
        // A page view starts with what is stored: a tag runs iff its expression holds for it.
        let go = async (to: () => Promise<unknown>) => {
          await to()
          await known(page)
          view = pageView()
          view.note(expected(configs[which], d))
        }
        await go(() => page.goto(paths[which]))
        await check(page, configs[which], d, view.ran)
        for (let s of steps) {
          if (s.kind == 'reload') await go(() => page.reload())
          else if (s.kind == 'config') {
            which = which == 'base' ? 'personalisation' : 'base'
            await go(() => page.goto(paths[which]))
          } else {
            d = await run(page, s, configs[which], d)
            view.note(expected(configs[which], d))
          }
          await check(page, configs[which], d, view.ran)
        }
        none()
      } finally {
        await context.close()
      }
    }),
    // A failing run stops there: shrinking would replay sequences in the browser for minutes.
    { numRuns, seed, endOnFailure: true }
  )
})
