import { atom } from 'nanostores'
import { describe, expect, it } from 'vitest'
import { integrate } from '../../../src/core/integrations'
import type { GooglePage } from '../../../src/core/integrations/consent-mode'
import type { VendorPage } from '../../../src/core/integrations/vendors'
import { matomo } from '../../../src/core/integrations/vendors'
import { EMPTY, derive } from '../../../src/core/state'
import type { Config, ConsentState } from '../../../src/core/types'

type Page = GooglePage & VendorPage

const purposes = [
  { id: 'necessary', required: true, version: 1, services: [] },
  { id: 'analytics', required: false, version: 1, services: [{ id: 'matomo' }] }
]
const config = (extra: Partial<Config>): Config => ({ purposes: {}, ...extra })
const answered = (analytics: boolean): ConsentState =>
  derive(purposes, {
    id: 'x'.repeat(22), decidedAt: 1, updatedAt: 1, method: 'custom', language: 'en', config: 'c',
    purposes: { analytics: { granted: analytics, version: 1 } }, deniedServices: []
  })

const commands = (win: Page): unknown[] => (win.dataLayer || []).map(e => (e as ArrayLike<unknown>)[0] ?? (e as { event: string }).event)

describe('integrate', () => {
  it('starts Consent Mode when the page has a dataLayer, unless the config says no', () => {
    const on = { dataLayer: [] } as unknown as Page
    integrate(on, config({}), {}, () => purposes, atom(EMPTY))
    expect(commands(on)).toEqual(['consent'])
    const off = { dataLayer: [] } as unknown as Page
    integrate(off, config({ consentMode: false }), {}, () => purposes, atom(EMPTY))
    expect(off.dataLayer).toEqual([])
  })

  it('starts Consent Mode on a page without Google tags only when the config asks for it', () => {
    const plain = {} as Page
    integrate(plain, config({}), {}, () => purposes, atom(EMPTY))
    expect(plain.dataLayer).toBeUndefined()
    integrate(plain, config({ consentMode: true }), {}, () => purposes, atom(EMPTY))
    expect(commands(plain)).toEqual(['consent'])
  })

  it('sends the update and the event on every change of the state', () => {
    const win = {} as Page
    const $consent = atom(EMPTY)
    integrate(win, config({ consentMode: true }), {}, () => purposes, $consent)
    $consent.set(answered(true))
    $consent.set(answered(false))
    expect(commands(win)).toEqual(['consent', 'consent', 'candor_consent', 'consent', 'candor_consent'])
  })

  it('tells a vendor only when whether it is granted changes', () => {
    const win = {} as Page
    const $consent = atom(EMPTY)
    integrate(win, config({ integrations: { matomo: 'analytics/matomo' } }), { matomo }, () => purposes, $consent)
    $consent.set(derive(purposes, null))
    $consent.set(answered(false))
    $consent.set(answered(true))
    $consent.set(answered(true))
    $consent.set(answered(false))
    expect(win._paq).toEqual([['requireConsent'], ['setConsentGiven'], ['forgetConsentGiven']])
  })

  it('leaves a vendor without an adapter alone, even one named like a property of every object', () => {
    const win = {} as Page
    const odd = { integrations: { constructor: 'analytics', uet: 'analytics' } } as unknown as Config
    expect(() => integrate(win, odd, { matomo }, () => purposes, atom(EMPTY))).not.toThrow()
    expect(win.uetq).toBeUndefined()
  })

})
