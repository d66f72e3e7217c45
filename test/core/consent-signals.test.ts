import { describe, expect, it, vi } from 'vitest'
import { createCandor } from '../../src/core/consent'
import type { GooglePage } from '../../src/core/integrations/consent-mode'
import type { Load } from '../../src/core/parts'
import { matomo, uet } from '../../src/core/integrations/vendors'
import type { Config } from '../../src/core/types'
import { config, settle, site } from './site'

const withGpc = (win: Window, on = true) => Object.defineProperty(win.navigator, 'globalPrivacyControl', { value: on, configurable: true })

describe('createCandor: signals', () => {
  it('honours Global Privacy Control: accept all leaves marketing denied, a custom choice may grant it', async () => {
    const s = site()
    withGpc(s.win)
    const candor = s.visit()
    await candor.init(config)
    expect(candor.$consent.get().gpc).toBe(true)
    await candor.acceptAll()
    expect(candor.$consent.get().purposes).toEqual({ necessary: true, analytics: true, marketing: false })
    expect(await candor.receipt()).toMatchObject({ method: 'accept-all', gpc: true })
    await candor.set({ marketing: true })
    expect(candor.granted('marketing')).toBe(true)
  })

  it('ignores Global Privacy Control when the config says so', async () => {
    const s = site()
    withGpc(s.win)
    const candor = s.visit()
    await candor.init({ ...config, respectGPC: false })
    await candor.acceptAll()
    expect(candor.granted('marketing')).toBe(true)
  })

  it('takes Global Privacy Control as the answer when it is all that is left to ask', async () => {
    const s = site()
    withGpc(s.win)
    const onlyAds: Config = { purposes: { necessary: config.purposes.necessary, marketing: config.purposes.marketing } }
    const candor = s.visit()
    await candor.init(onlyAds)
    await settle()
    expect(candor.$consent.get()).toMatchObject({ decided: true, purposes: { necessary: true, marketing: false } })
    expect(await candor.receipt()).toMatchObject({ method: 'gpc', gpc: true })
    expect(s.shown).toEqual([])
  })

  it('applies a decision stored by another tab, told by the storage event where BroadcastChannel is missing', async () => {
    const s = site()
    expect(s.win.BroadcastChannel).toBeUndefined()
    const here = s.visit()
    await here.init(config)
    const there = await s.decided('acceptAll')
    s.win.dispatchEvent(new s.win.StorageEvent('storage', { key: 'candor_consent' }))
    await vi.waitFor(() => expect(here.granted('marketing')).toBe(true))
    await there.forget()
    s.win.dispatchEvent(new s.win.StorageEvent('storage', { key: 'candor_consent' }))
    await vi.waitFor(() => expect(here.$consent.get().decided).toBe(false))
  })

  it('reads the decision again when the page comes back from the back/forward cache', async () => {
    const s = site()
    const here = await s.decided('rejectAll')
    await s.decided('acceptAll')
    s.win.dispatchEvent(Object.assign(new s.win.Event('pageshow'), { persisted: false }))
    await settle()
    expect(here.granted('analytics')).toBe(false)
    s.win.dispatchEvent(Object.assign(new s.win.Event('pageshow'), { persisted: true }))
    await vi.waitFor(() => expect(here.granted('analytics')).toBe(true))
  })

  it('sends Consent Mode’s default before the stored decision’s update on a returning visit', async () => {
    const s = site()
    const first = s.visit()
    await first.init({ ...config, consentMode: true })
    await first.set({ analytics: true, marketing: false })
    const win = s.win as unknown as GooglePage
    win.dataLayer = []
    await s.visit().init({ ...config, consentMode: true })
    const pushed = win.dataLayer.map(e => Array.from(e as ArrayLike<unknown>).slice(0, 2).join(' ') || (e as { event: string }).event)
    expect(pushed).toEqual(['consent default', 'consent update', 'candor_consent'])
    expect((win.dataLayer[1] as ArrayLike<{ analytics_storage: string }>)[2].analytics_storage).toBe('granted')
  })

  it('says where to get a vendor adapter the page lacks, once the config is checked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await site().visit().init({ ...config, integrations: { matomo: 'analytics/matomo', uet: 'marketing' } }, { uet })
    expect(warn.mock.calls.map(c => c[0])).toEqual(['[candor] integrations.matomo: no adapter here; use candor-full.js or pass it to init()'])
    warn.mockRestore()
  })

  it('leaves adapters alone in a build that cannot drive them, as candor.js, and says where to get one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = site()
    const candor = createCandor({ window: s.win, storage: s.storage, load: s.load as unknown as Load })
    await candor.init({ ...config, integrations: { matomo: 'analytics/matomo' } }, { matomo })
    await candor.acceptAll()
    expect((s.win as unknown as { _paq?: unknown })._paq).toBeUndefined()
    expect(warn.mock.calls.map(c => c[0])).toEqual(['[candor] integrations.matomo: no adapter here; use candor-full.js or pass it to init()'])
    warn.mockRestore()
  })

  it('keeps the gate and the other vendors going when a vendor’s function throws', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = site()
    const win = s.win as unknown as { _paq: unknown[]; uetq: unknown }
    // A page that broke its UET queue: every push throws.
    win.uetq = { push: () => { throw new Error('page bug') } }
    s.win.document.body.innerHTML = '<script type="text/plain" data-consent="analytics">window.ran = 1</script>'
    const candor = s.visit()
    await candor.init({ ...config, integrations: { uet: 'marketing', matomo: 'analytics/matomo' } }, { matomo, uet })
    await candor.acceptAll()
    expect(win._paq).toEqual([['requireConsent'], ['setConsentGiven']])
    expect(candor.granted('analytics')).toBe(true)
    report.mockRestore()
  })
})
