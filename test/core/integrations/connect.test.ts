import { atom } from 'nanostores'
import { describe, expect, it } from 'vitest'
import { connect } from '../../../src/core/integrations/connect'
import type { VendorPage } from '../../../src/core/integrations/vendors'
import { matomo } from '../../../src/core/integrations/vendors'
import { EMPTY, derive } from '../../../src/core/state'
import type { Config } from '../../../src/core/types'
import { answered, config, purposes } from './fixtures'


describe('connect', () => {
  it('tells a vendor only when whether it is granted changes', () => {
    const win = {} as VendorPage
    const $consent = atom(EMPTY)
    connect(win, config({ integrations: { matomo: 'analytics/matomo' } }), { matomo }, $consent)
    $consent.set(derive(purposes, null))
    $consent.set(answered(false))
    $consent.set(answered(true))
    $consent.set(answered(true))
    $consent.set(answered(false))
    expect(win._paq).toEqual([['requireConsent'], ['setConsentGiven'], ['forgetConsentGiven']])
  })

  it('leaves a vendor without an adapter alone, even one named like a property of every object', () => {
    const win = {} as VendorPage
    const odd = { integrations: { constructor: 'analytics', uet: 'analytics' } } as unknown as Config
    expect(() => connect(win, odd, { matomo }, atom(EMPTY))).not.toThrow()
    expect(win.uetq).toBeUndefined()
  })
})
