// Hostile configs (issue 6): a config that sets every field, and what validating one must give.
import { expect } from 'vitest'
import { validate } from '../../src/core/config'
import { CandorConfigError } from '../../src/core/error'
import { derive } from '../../src/core/state'
import type { ValidConfig } from '../../src/core/types'

export type Obj = Record<string, unknown>

/** A config that sets every field, so a hostile value can be put anywhere in it. */
export const full = (): Obj => ({
  policyUrl: '/datenschutz',
  imprintUrl: 'https://shop.example/impressum',
  logEndpoint: '/consent-log',
  language: 'de',
  cookie: { name: 'consent', domain: 'shop.example', path: '/', sameSite: 'Lax', expiresDays: 180 },
  texts: { en: { acceptAll: 'Allow all' }, de: { acceptAll: 'Alle erlauben' } },
  ui: { layout: 'box', theme: 'dark', reopenButton: true, accent: '#0b57d0', radius: '4px', font: 'Georgia, serif' },
  consentMode: { waitForUpdate: 500, region: ['DE'] },
  integrations: { matomo: 'analytics/matomo' },
  purposes: {
    necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
    analytics: {
      title: { de: 'Statistik', en: 'Statistics' },
      description: 'Counts visits.',
      data: 'Pages viewed',
      legalBasis: 'Art. 6 (1) (a) GDPR',
      retention: '13 months',
      version: 2,
      services: [
        { id: 'matomo', name: 'Matomo', provider: 'Shop', description: 'Statistics.', country: 'DE', retention: '13 months',
          privacyUrl: '/datenschutz#matomo', cookies: ['_pk_id.*'], storage: ['pk_*'], indexedDB: ['matomo'] }
      ]
    },
    marketing: { title: 'Marketing', description: 'Ads.', services: [{ id: 'meta', name: 'Meta Pixel', provider: 'Meta' }] }
  }
})

/** `root` (a fresh `full()` unless given) with `value` at `path`; undefined deletes the key. */
export const put = (path: (string | number)[], value: unknown, root: Obj = full()): Obj => {
  let node = root as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (value === undefined) delete node[last]
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true })
  return root
}

/** A path as errors name it: `purposes.analytics.services[0].privacyUrl`. */
export const name = (path: (string | number)[]): string => path.map(k => (typeof k == 'number' ? `[${k}]` : '.' + k)).join('').replace(/^\./, '')

/** What validating `input` gives: the config or the errors, and the warnings. Throws anything else. */
export function check(input: unknown): { config?: ValidConfig; errors?: string[]; warnings: string[] } {
  const warnings: string[] = []
  try {
    return { config: validate(input, m => warnings.push(m)), warnings }
  } catch (e) {
    if (!(e instanceof CandorConfigError)) throw e
    return { errors: e.errors, warnings }
  }
}

const UNREADABLE = 'config: unreadable (a getter threw or nesting is too deep)'

/**
 * What is wrong with how `input` was taken: it must end in errors that each name a path and what was
 * expected, or in a config that before any decision grants its required purposes only, and only
 * those the input itself marks required. Empty when all is well.
 */
export function problems(input: unknown): string[] {
  const { config, errors } = check(input)
  if (errors) {
    if (!errors.length || errors.includes(UNREADABLE)) return ['no error, or the catch-all that would hide a crash: ' + errors.join()]
    return errors.filter(e => !/^(config: |\S[\s\S]*?: expected [\s\S]+, got )/.test(e))
  }
  const given = (typeof input == 'string' ? JSON.parse(input) : input) as { purposes: Record<string, Obj> }
  const state = derive(config!.purposes, null)
  const out: string[] = []
  for (const p of config!.purposes) {
    const own = given.purposes[p.id]
    if (p.required != (Object.hasOwn(own, 'required') && own.required === true)) out.push(`${p.id}: required is ${p.required}`)
    if (state.purposes[p.id] != p.required) out.push(`${p.id}: granted before a decision`)
    for (const s of p.services) if (state.services[p.id + '/' + s.id] != p.required) out.push(`${p.id}/${s.id}: granted before a decision`)
  }
  const optional = config!.purposes.filter(p => !p.required).map(p => p.id)
  if (state.pending.join() != optional.join()) out.push(`pending is ${state.pending.join()}, not ${optional.join()}`)
  return out
}

const PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort()

/** Fails when a test left anything on Object.prototype; each test file runs it after every test. */
export const clean = (): void => {
  expect(({} as Obj).polluted).toBeUndefined()
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE)
}
