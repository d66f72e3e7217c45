// Property-based sequences: random API calls, reloads and config changes keep the gate, the stored record and the state consistent
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decode } from '../../src/core/record'
import type { Choices, Config } from '../../src/core/types'
import { config, settle, site } from '../core/site'
import { EXPRESSIONS, all, decide, expected, pageView, sorted, stored, withPersonalisation } from './consent-model'
import type { Decision } from './consent-model'

type Site = ReturnType<typeof site>

type Action =
  | { kind: 'all'; value: boolean; pending: boolean }
  | { kind: 'set'; choices: Choices }
  | { kind: 'forget' }
  | { kind: 'reload' }
  | { kind: 'config'; personalisation: boolean }

// Keys of both configs, so some choices name a purpose the current one lacks and must be refused.
const choices = fc.record(
  { analytics: fc.boolean(), marketing: fc.boolean(), personalisation: fc.boolean(), 'analytics/matomo': fc.boolean(), 'marketing/meta': fc.boolean() },
  { requiredKeys: [] }
)

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('all' as const), value: fc.boolean(), pending: fc.boolean() }),
  choices.map(c => ({ kind: 'set' as const, choices: c })),
  fc.constant<Action>({ kind: 'forget' }),
  fc.constant<Action>({ kind: 'reload' }),
  fc.boolean().map(personalisation => ({ kind: 'config' as const, personalisation }))
)

/**
 * One page view on a fresh window: the page carries an <img data-src> per expression, and counts
 * how often the gate sets each one's `src`.
 */
async function open(s: Site, on: Config, d: Decision | null) {
  const doc = s.win.document
  doc.body.innerHTML = EXPRESSIONS.map((e, i) => `<img id="g${i}" data-consent="${e}" data-src="/t${i}.gif">`).join('')
  const activations = new Map<string, number>()
  const count = (id: string) => activations.set(id, (activations.get(id) ?? 0) + 1)
  new s.win.MutationObserver(rs => rs.forEach(r => count((r.target as Element).id))).observe(doc.body, { attributeFilter: ['src'], subtree: true })
  const candor = s.visit()
  await candor.init(on)
  const view = pageView()
  // A reload applies the stored decision: active iff its expression holds for it.
  view.note(expected(on, d))
  return { candor, activations, ...view }
}

async function check(s: Site, view: Awaited<ReturnType<typeof open>>, on: Config, d: Decision | null): Promise<void> {
  await settle()
  const { decided, pending, purposes, services } = view.candor.$consent.get()
  expect({ decided, pending, purposes, services }).toEqual(expected(on, d))
  const doc = s.win.document
  EXPRESSIONS.forEach((e, i) => {
    expect(doc.getElementById('g' + i)!.hasAttribute('src'), e).toBe(view.ran.has(e))
    expect(view.activations.get('g' + i) ?? 0, e).toBeLessThanOrEqual(1)
  })
  // happy-dom expires a `Max-Age=0` cookie only once its clock has moved on: within the same
  // millisecond a deleted cookie still reads as empty.
  const cookie = doc.cookie.split('; ').find(c => c.startsWith('candor_consent=') && c != 'candor_consent=')?.split('=')[1] ?? null
  expect(stored(decode(cookie))).toEqual(sorted(d))
  expect(s.storage.getItem('candor_consent')).toBe(cookie)
}

describe('property: random sequences of decisions, reloads and config changes', () => {
  afterEach(() => void vi.restoreAllMocks())

  it('keep the gate, the stored record and the state consistent on every page view', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 10 }), async actions => {
        const s = site()
        let on = config
        let d: Decision | null = null
        let view = await open(s, on, d)
        await check(s, view, on, d)
        for (const a of actions) {
          if (a.kind == 'reload' || a.kind == 'config') {
            if (a.kind == 'config') on = a.personalisation ? withPersonalisation(config) : config
            await s.reload()
            view = await open(s, on, d)
          } else if (a.kind == 'forget') {
            await view.candor.forget()
            d = null
          } else if (a.kind == 'all') {
            await view.candor[a.value ? 'acceptAll' : 'rejectAll']({ pending: a.pending })
            d = all(on, d, a.value, a.pending)
          } else {
            let next: Decision | undefined
            try {
              next = decide(on, d, a.choices)
            } catch {
              // Refused as a whole: nothing of it is applied or stored.
            }
            if (next) await view.candor.set(a.choices)
            else await expect(view.candor.set(a.choices)).rejects.toThrow('[candor] set(): ')
            d = next ?? d
          }
          view.note(expected(on, d))
          await check(s, view, on, d)
        }
      }),
      { numRuns: Number(process.env.FC_RUNS) || 100, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined }
    )
    // The only warnings: the tag for a purpose the config lacks, on each page view without it.
    for (const [message] of warn.mock.calls) expect(message).toMatch(/^\[candor\] <img data-consent="!?personalisation( analytics)?">: unknown purpose or service$/)
  }, 60_000)
})
