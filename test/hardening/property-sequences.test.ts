// Property-based sequences: random API calls, reloads and config changes keep the gate, the stored record and the state consistent
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { holds } from '../../src/core/expression'
import { decode } from '../../src/core/record'
import type { Config, ConsentState } from '../../src/core/types'
import { config, settle, site } from '../core/site'

type Site = ReturnType<typeof site>
type Instance = ReturnType<Site['visit']>

// With and without a purpose added later, so a "config change" both adds and removes one.
const withPersonalisation: Config = {
  ...config,
  purposes: { ...config.purposes, personalisation: { title: 'Tips', description: 'Suggests products.' } }
}

const EXPRESSIONS = ['analytics', 'marketing', 'analytics marketing', '!marketing', 'analytics/matomo', '!analytics marketing/meta']

type Action =
  | { kind: 'acceptAll' }
  | { kind: 'rejectAll' }
  | { kind: 'set'; choices: { [purpose: string]: boolean } }
  | { kind: 'forget' }
  | { kind: 'reload' }
  | { kind: 'config'; personalisation: boolean }

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ kind: 'acceptAll' }),
  fc.constant<Action>({ kind: 'rejectAll' }),
  fc.record({ analytics: fc.boolean(), marketing: fc.boolean() }, { requiredKeys: [] }).map(choices => ({ kind: 'set' as const, choices })),
  fc.constant<Action>({ kind: 'forget' }),
  fc.constant<Action>({ kind: 'reload' }),
  fc.boolean().map(personalisation => ({ kind: 'config' as const, personalisation }))
)

/** One page view: its instance, and the gated elements the page carries (an <img data-src> per expression). */
async function pageView(s: Site, on: Config) {
  const doc = s.win.document
  doc.body.innerHTML = EXPRESSIONS.map((e, i) => `<img id="g${i}" data-consent="${e}" data-src="/t${i}.gif">`).join('')
  const candor = s.visit()
  await candor.init(on)
  // The gate activates each element at most once per page view, so "active" means "held at some point".
  const held = new Set<number>()
  const note = (state: ConsentState) => EXPRESSIONS.forEach((e, i) => holds(e, state) && Object.keys(state.purposes).length && held.add(i))
  note(candor.$consent.get())
  candor.on('change', note)
  return { candor, held }
}

function check(s: Site, candor: Instance, held: Set<number>, last: ConsentState | null, personalisation: boolean, firstView: boolean): void {
  const state = candor.$consent.get()
  const doc = s.win.document
  // Gate: an element is active iff its expression held for some state of this page view. A "reload"
  // here shares one happy-dom window, whose earlier gates stay live, so only the first view is checked.
  if (firstView) EXPRESSIONS.forEach((e, i) => {
    const active = doc.getElementById('g' + i)!.hasAttribute('src')
    expect(active, `${e} in ${JSON.stringify(state.purposes)}`).toBe(held.has(i))
  })
  // New purposes have no grant until decided.
  if (personalisation && state.pending.includes('personalisation')) expect(state.purposes.personalisation).toBe(false)
  // The stored record equals the last decision of this site (or is absent after forget).
  const cookie = doc.cookie.split('; ').find(c => c.startsWith('candor_consent='))?.split('=')[1]
  const record = cookie ? decode(decodeURIComponent(cookie)) : null
  if (!last) return expect(record).toBeNull()
  expect(record).not.toBeNull()
  for (const [p, granted] of Object.entries(last.purposes)) {
    if (record!.purposes[p]) expect(record!.purposes[p]!.granted, p).toBe(granted)
  }
}

describe('property: random sequences of decisions, reloads and config changes', () => {
  it('keep the gate, the stored record and the state consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 10 }), async actions => {
        const s = site()
        let personalisation = false
        let view = await pageView(s, config)
        let last: ConsentState | null = null
        let views = 1
        for (const a of actions) {
          const on = personalisation ? withPersonalisation : config
          if (a.kind == 'reload' || a.kind == 'config') {
            if (a.kind == 'config') personalisation = a.personalisation
            views++
            view = await pageView(s, personalisation ? withPersonalisation : config)
          } else if (a.kind == 'forget') {
            await view.candor.forget()
            last = null
          } else {
            if (a.kind == 'set') await view.candor.set(a.choices)
            else await view.candor[a.kind]()
            last = view.candor.$consent.get()
            const optional = Object.keys(on.purposes).filter(p => !on.purposes[p]!.required)
            if (a.kind == 'acceptAll') for (const p of optional) expect(last.purposes[p], p).toBe(true)
            if (a.kind == 'rejectAll') for (const p of optional) expect(last.purposes[p], p).toBe(false)
            if (a.kind == 'set') for (const [p, g] of Object.entries(a.choices)) expect(last.purposes[p], p).toBe(g)
            expect(last.decided).toBe(true)
          }
          await settle()
          check(s, view.candor, view.held, last, personalisation, views == 1)
        }
      }),
      { numRuns: Number(process.env.FC_RUNS) || 100, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined }
    )
  }, 60_000)
})
