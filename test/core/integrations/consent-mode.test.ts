import { describe, expect, it } from 'vitest'
import { consentMode, consentTypes } from '../../../src/core/integrations/consent-mode'
import type { GooglePage, ModeScope } from '../../../src/core/integrations/consent-mode'
import { derive } from '../../../src/core/state'
import type { ConsentState } from '../../../src/core/types'

const purposes: ModeScope[] = [
  { id: 'necessary', required: true, version: 1, services: [] },
  { id: 'analytics', required: false, version: 1, services: [] },
  { id: 'marketing', required: false, version: 1, services: [{ id: 'ads' }] },
  { id: 'personalization', required: false, version: 1, services: [] }
]

const state = (answers: { [id: string]: boolean }, scope = purposes): ConsentState =>
  derive(scope, {
    id: 'x'.repeat(22),
    decidedAt: 1,
    updatedAt: 1,
    method: 'custom',
    language: 'en',
    config: 'c',
    purposes: Object.fromEntries(Object.entries(answers).map(([id, granted]) => [id, { granted, version: 1 }])),
    deniedServices: []
  })

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'denied'
}

/** What the page's dataLayer holds, with gtag() calls turned from `arguments` into arrays. */
const layer = (win: GooglePage): unknown[] =>
  win.dataLayer!.map(e => (Object.prototype.toString.call(e) == '[object Arguments]' ? Array.from(e as ArrayLike<unknown>) : e))

describe('consentTypes', () => {
  it('maps analytics, marketing, personalization and required purposes to their Consent Mode types', () => {
    expect(consentTypes(purposes, state({ analytics: true, marketing: false, personalization: true }))).toEqual({
      ...DENIED,
      analytics_storage: 'granted',
      personalization_storage: 'granted',
      functionality_storage: 'granted',
      security_storage: 'granted'
    })
    expect(consentTypes(purposes, state({ analytics: false, marketing: true, personalization: false }))).toEqual({
      ...DENIED,
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      functionality_storage: 'granted',
      security_storage: 'granted'
    })
  })

  it('denies everything before the purposes are known', () => {
    expect(consentTypes([], state({}))).toEqual(DENIED)
  })

  it('lets a purpose name its own types, granting one only when every purpose mapped to it is granted', () => {
    const custom: ModeScope[] = [
      ...purposes,
      { id: 'ads', required: false, version: 1, services: [], consentMode: ['ad_storage', 'ad_user_data'] }
    ]
    const answers = (ads: boolean, marketing: boolean): ConsentState => state({ ads, marketing }, custom)
    expect(consentTypes(custom, answers(true, false)).ad_storage).toBe('denied')
    expect(consentTypes(custom, answers(true, true)).ad_storage).toBe('granted')
    expect(consentTypes(custom, answers(false, true)).ad_user_data).toBe('denied')
  })
})

describe('consentMode', () => {
  it('creates dataLayer and gtag and sends a default that denies every type, waiting 500 ms for the update', () => {
    const win = {} as GooglePage
    consentMode(win, {}, () => purposes)
    expect(typeof win.gtag).toBe('function')
    expect(layer(win)).toEqual([['consent', 'default', { ...DENIED, wait_for_update: 500 }]])
  })

  it('pushes arguments objects, exactly as Google’s gtag snippet does', () => {
    const win = {} as GooglePage
    consentMode(win, {}, () => purposes)
    expect(Object.prototype.toString.call(win.dataLayer![0])).toBe('[object Arguments]')
  })

  it('uses the page’s own gtag and dataLayer', () => {
    const calls: unknown[][] = []
    const win = { dataLayer: ['earlier'], gtag: (...args: unknown[]) => void calls.push(args) } as GooglePage
    consentMode(win, { waitForUpdate: 800, region: ['DE', 'AT'], adsDataRedaction: true, urlPassthrough: true }, () => purposes)
    expect(calls).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 800, region: ['DE', 'AT'] }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true]
    ])
  })

  it('sends an update and a candor_consent event for a state', () => {
    const win = {} as GooglePage
    const update = consentMode(win, {}, () => purposes)
    const s = state({ analytics: true, marketing: false, personalization: false })
    update(s)
    expect(layer(win).slice(1)).toEqual([
      ['consent', 'update', { ...DENIED, analytics_storage: 'granted', functionality_storage: 'granted', security_storage: 'granted' }],
      { event: 'candor_consent', candor: { purposes: s.purposes, services: s.services } }
    ])
  })
})
