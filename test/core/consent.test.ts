import { describe, expect, it, vi } from 'vitest'
import { CandorConfigError } from '../../src/core/error'
import { createCandor } from '../../src/core/consent'
import type { Load } from '../../src/core/parts'
import type { Config } from '../../src/core/types'
import { config, settle, site } from './site'

describe('createCandor', () => {
  it('grants nothing but required purposes on a first visit', async () => {
    const candor = site().visit()
    await candor.init(config)
    expect(candor.$consent.get()).toMatchObject({
      decided: false,
      pending: ['analytics', 'marketing'],
      purposes: { necessary: true, analytics: false, marketing: false }
    })
    expect(candor.granted('analytics')).toBe(false)
    expect(await candor.receipt()).toBeNull()
  })

  it('leaves storage to the lazy part on a first visit, so the page is not held up in <head>', async () => {
    const s = site()
    const getItem = vi.spyOn(s.storage, 'getItem')
    const candor = s.visit()
    const ready = candor.init(config)
    expect(getItem).not.toHaveBeenCalled()
    await ready
    expect(getItem).toHaveBeenCalledWith('candor_consent')
  })

  it('applies a decision made on the same config without loading the validator again', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.set({ analytics: true })
    s.load.mockClear()
    const again = s.visit()
    await again.init(config)
    expect(again.granted('analytics')).toBe(true)
    expect(again.granted('marketing')).toBe(false)
    expect(s.load).not.toHaveBeenCalled()
  })

  it('grants at once on a decision; its promise settles once the receipt, hashed meanwhile, is stored', async () => {
    const s = site()
    const candor = s.visit()
    await candor.init(config)
    let hashed = (): void => {}
    const digest = s.win.crypto.subtle.digest.bind(s.win.crypto.subtle)
    vi.spyOn(s.win.crypto.subtle, 'digest').mockImplementation((...a) => new Promise(r => (hashed = () => r(digest(...a)))))
    let settled = false
    const decision = candor.acceptAll({ seen: 'abc' }).then(() => (settled = true))
    await vi.waitFor(() => expect(candor.granted('marketing')).toBe(true))
    await settle()
    expect(settled).toBe(false)
    hashed()
    await decision
    expect(await candor.receipt()).toMatchObject({ method: 'accept-all', textHash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' })
  })

  it('checks a changed config before granting anything, then keeps the earlier answers', async () => {
    const s = site()
    await s.decided('acceptAll')
    const changed: Config = { ...config, purposes: { ...config.purposes, personalization: { title: 'P', description: 'Tips.' } } }
    const again = s.visit()
    let ready = again.init(changed)
    expect(again.granted('analytics')).toBe(false)
    await ready
    expect(again.$consent.get()).toMatchObject({ decided: false, pending: ['personalization'], purposes: { analytics: true, marketing: true } })
  })

  it('rejects an invalid config with every problem and grants nothing, not even on a stored decision', async () => {
    const s = site()
    await s.decided('acceptAll')
    const again = s.visit()
    const bad = { ...config, policyUrl: 'javascript:alert(1)', reloadOnRevoke: 'yes' } as unknown as Config
    const error = await again.init(bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CandorConfigError)
    expect((error as CandorConfigError).errors).toEqual([
      'policyUrl: expected an https:// or relative URL, got "javascript:alert(1)"',
      'reloadOnRevoke: expected a boolean, got "yes"'
    ])
    expect(again.granted('analytics')).toBe(false)
    await expect(again.acceptAll()).rejects.toBeInstanceOf(CandorConfigError)
  })

  it('runs calls queued before init in order once started', async () => {
    const log: string[] = []
    const candor = site().visit([c => log.push('first ' + typeof c.granted), () => log.push('second')])
    candor.push(() => log.push('third'))
    expect(log).toEqual([])
    await candor.init(config)
    candor.push(() => log.push('fourth'))
    expect(log).toEqual(['first function', 'second', 'third', 'fourth'])
  })

  it('refuses a decision before init, loudly', async () => {
    await expect(site().visit().acceptAll()).rejects.toThrow('config: none yet; call init(config) first')
  })

  it('ignores a second init with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const candor = site().visit()
    await candor.init(config)
    await candor.init({ purposes: {} })
    expect(warn).toHaveBeenCalledWith('[candor] init() was already called: ignored')
    expect(Object.keys(candor.$consent.get().purposes)).toEqual(['necessary', 'analytics', 'marketing'])
    warn.mockRestore()
  })

  it('calls whenGranted callbacks once, now or when granted', async () => {
    const candor = site().visit()
    await candor.init(config)
    const later = vi.fn()
    candor.whenGranted('analytics/matomo', later)
    expect(later).not.toHaveBeenCalled()
    await candor.acceptAll()
    await candor.set({ analytics: false })
    await candor.set({ analytics: true })
    expect(later).toHaveBeenCalledTimes(1)
    const now = vi.fn()
    candor.whenGranted('analytics', now)
    expect(now).toHaveBeenCalledTimes(1)
  })

  it('keeps notifying others when a callback throws', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    const candor = site().visit()
    await candor.init(config)
    const seen: boolean[] = []
    candor.on('change', () => {
      throw new Error('page bug')
    })
    candor.on('change', state => seen.push(state.purposes.analytics))
    await candor.acceptAll()
    expect(seen).toEqual([true])
    expect(report).toHaveBeenCalled()
    report.mockRestore()
  })

  it('refuses an unknown event name', () => {
    expect(() => site().visit().on('chnage' as 'change', () => {})).toThrow('[candor] on("chnage"): unknown event, expected "change"')
  })

  it('retries loading its lazy part after a failed download', async () => {
    const s = site()
    s.fail.push('decide')
    const candor = s.visit()
    await expect(candor.init(config)).rejects.toThrow('Failed to fetch')
    await candor.acceptAll()
    expect(candor.granted('marketing')).toBe(true)
  })

  it('works on with storage that throws', async () => {
    const s = site()
    const broken = { getItem: () => { throw new DOMException('denied', 'SecurityError') } } as unknown as Storage
    const candor = createCandor({ window: s.win, storage: broken, load: s.load as unknown as Load })
    await candor.init(config)
    await candor.acceptAll()
    expect(candor.granted('analytics')).toBe(true)
  })

  it('deletes declared cookies and storage when a purpose is withdrawn', async () => {
    const s = site()
    const candor = await s.decided('acceptAll')
    s.win.document.cookie = '_pk_id=1; path=/'
    s.storage.setItem('pk_visit', '1')
    await candor.set({ analytics: false })
    await vi.waitFor(() => expect(s.storage.getItem('pk_visit')).toBeNull())
    // happy-dom keeps a Max-Age=0 cookie until its clock moves on; browsers drop it at once.
    await vi.waitFor(() => expect(s.win.document.cookie).not.toContain('_pk_id'))
  })

  it('gives a receipt of the latest decision', async () => {
    const candor = site().visit()
    await candor.init(config)
    await candor.set({ analytics: true, marketing: false })
    expect(await candor.receipt()).toMatchObject({
      method: 'api',
      purposes: { necessary: true, analytics: true, marketing: false },
      services: { 'analytics/matomo': true, 'marketing/meta': false },
      versions: { necessary: 1, analytics: 1, marketing: 1 }
    })
  })

  it('gives the same receipt on a later page view', async () => {
    const s = site()
    const first = await s.decided('rejectAll')
    s.load.mockClear()
    const again = s.visit()
    await again.init(config)
    expect(s.load).not.toHaveBeenCalled()
    expect(await again.receipt()).toEqual(await first.receipt())
  })

  it('rebuilds the receipt from the cookie when storage lost it', async () => {
    const s = site()
    const first = await s.decided('acceptAll')
    s.storage.clear()
    const again = s.visit()
    await again.init(config)
    // What only the moment of the decision knew is lost with the storage.
    expect(await again.receipt()).toEqual({ ...(await first.receipt()), textHash: null, gpc: null, url: null })
  })

  it('is frozen', () => {
    expect(Object.isFrozen(site().visit())).toBe(true)
  })
})
