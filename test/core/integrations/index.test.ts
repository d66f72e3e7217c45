import { atom } from 'nanostores'
import { describe, expect, it } from 'vitest'
import { integrate } from '../../../src/core/integrations'
import type { GooglePage } from '../../../src/core/integrations/consent-mode'
import { EMPTY } from '../../../src/core/state'
import { answered, config, purposes } from './fixtures'

type Page = GooglePage

const commands = (win: Page): unknown[] => (win.dataLayer || []).map(e => (e as ArrayLike<unknown>)[0] ?? (e as { event: string }).event)

describe('integrate', () => {
  it('starts Consent Mode when the page has a dataLayer, unless the config says no', () => {
    const on = { dataLayer: [] } as unknown as Page
    integrate(on, config({}), () => purposes, atom(EMPTY))
    expect(commands(on)).toEqual(['consent'])
    const off = { dataLayer: [] } as unknown as Page
    integrate(off, config({ consentMode: false }), () => purposes, atom(EMPTY))
    expect(off.dataLayer).toEqual([])
  })

  it('starts Consent Mode on a page without Google tags only when the config asks for it', () => {
    const plain = {} as Page
    integrate(plain, config({}), () => purposes, atom(EMPTY))
    expect(plain.dataLayer).toBeUndefined()
    integrate(plain, config({ consentMode: true }), () => purposes, atom(EMPTY))
    expect(commands(plain)).toEqual(['consent'])
  })

  it('sends the update and the event on every change of the state', () => {
    const win = {} as Page
    const $consent = atom(EMPTY)
    integrate(win, config({ consentMode: true }), () => purposes, $consent)
    $consent.set(answered(true))
    $consent.set(answered(false))
    expect(commands(win)).toEqual(['consent', 'consent', 'candor_consent', 'consent', 'candor_consent'])
  })
})
