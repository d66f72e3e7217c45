import { Window as HappyWindow } from 'happy-dom'
import { describe, expect, it, vi } from 'vitest'
import { CandorConfigError } from '../../src/core/config'
import { createCandor } from '../../src/core/consent'
import type { Load, Parts, View } from '../../src/core/parts'
import { memoryStorage } from '../../src/core/storage'
import type { Config } from '../../src/core/types'

type Win = Window & typeof globalThis

const config: Config = {
  purposes: {
    necessary: { title: 'Necessary', description: 'Cart.', required: true },
    analytics: {
      title: 'Statistics',
      description: 'Counts visits.',
      services: [{ id: 'matomo', name: 'Matomo', provider: 'Shop', cookies: ['_pk_*'], storage: ['pk_*'] }]
    },
    marketing: { title: 'Marketing', description: 'Ads.', services: [{ id: 'meta', name: 'Meta', provider: 'Meta' }] }
  }
}

/**
 * A fresh page with in-memory storage; `visit()` is one page view on it, sharing cookies and storage.
 * The UI part is a stand-in that records the views it is asked to show; `fail` makes the next
 * download of a part fail.
 */
function site() {
  const win = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Win
  const storage = memoryStorage()
  const shown: View[] = []
  const mounted: unknown[] = []
  const fail: (keyof Parts)[] = []
  // Resolve `release` to let a held UI download finish.
  let release = () => {}
  let uiReady = Promise.resolve()
  const hold = () => (uiReady = new Promise<void>(r => (release = () => r())))
  const ui: Parts['ui'] = { mount: env => (mounted.push(env), { show: view => void shown.push(view) }) }
  const fetch = vi.fn((part: keyof Parts): Promise<unknown> => {
    if (fail.includes(part)) {
      fail.splice(fail.indexOf(part), 1)
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
    }
    return part == 'decide' ? import('../../src/core/decide') : uiReady.then(() => ui)
  })
  const load = fetch as unknown as Load
  const visit = (queue: ((c: ReturnType<typeof createCandor>) => void)[] = []) =>
    createCandor({ window: win, storage, load, queue })
  return { win, storage, load: fetch, shown, mounted, fail, hold, release: () => release(), visit }
}

const settle = () => new Promise(r => setTimeout(r, 0))

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
    expect(candor.receipt()).toBeNull()
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

  it('checks a changed config before granting anything, then keeps the earlier answers', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.acceptAll()
    const changed: Config = { ...config, purposes: { ...config.purposes, personalization: { title: 'P', description: 'Tips.' } } }
    const again = s.visit()
    let ready = again.init(changed)
    expect(again.granted('analytics')).toBe(false)
    await ready
    expect(again.$consent.get()).toMatchObject({ decided: false, pending: ['personalization'], purposes: { analytics: true, marketing: true } })
  })

  it('rejects an invalid config with every problem and grants nothing, not even on a stored decision', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.acceptAll()
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
    await expect(site().visit().acceptAll()).rejects.toThrow('[candor] call init() first')
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
    const candor = s.visit()
    await candor.init(config)
    await candor.acceptAll()
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
    expect(candor.receipt()).toMatchObject({
      method: 'api',
      purposes: { necessary: true, analytics: true, marketing: false },
      services: { 'analytics/matomo': true, 'marketing/meta': false },
      versions: { necessary: 1, analytics: 1, marketing: 1 }
    })
  })

  it('gives the same receipt on a later page view without loading the lazy part', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.rejectAll()
    s.load.mockClear()
    const again = s.visit()
    await again.init(config)
    expect(again.receipt()).toEqual(first.receipt())
    expect(s.load).not.toHaveBeenCalled()
  })

  it('rebuilds the receipt from the cookie when storage lost it', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.acceptAll()
    s.storage.clear()
    const again = s.visit()
    await again.init(config)
    // What only the moment of the decision knew is lost with the storage.
    expect(again.receipt()).toEqual({ ...first.receipt(), textHash: null, gpc: null, url: null })
  })

  it('opens the banner on a first visit, fetching the UI beside the validator', async () => {
    const s = site()
    const candor = s.visit()
    const ready = candor.init(config)
    expect(s.load.mock.calls.map(c => c[0])).toEqual(['ui', 'decide'])
    await ready
    await settle()
    expect(s.shown).toEqual(['banner'])
    expect(s.mounted).toEqual([expect.objectContaining({ candor, window: s.win })])
  })

  it('never loads the UI for a returning visitor', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.rejectAll()
    s.load.mockClear()
    await s.visit().init(config)
    await settle()
    expect(s.load).not.toHaveBeenCalled()
  })

  it('asks again when a purpose is added, without fetching the UI before the config is checked', async () => {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.acceptAll()
    await settle()
    s.shown.length = 0
    s.load.mockClear()
    const changed: Config = { ...config, purposes: { ...config.purposes, personalization: { title: 'P', description: 'Tips.' } } }
    const again = s.visit()
    const ready = again.init(changed)
    expect(s.load.mock.calls.map(c => c[0])).toEqual(['decide'])
    await ready
    await settle()
    expect(s.shown).toEqual(['banner'])
  })

  it('does not show the banner when the page decided while the UI was loading', async () => {
    const s = site()
    s.hold()
    const candor = s.visit()
    await candor.init(config)
    await candor.acceptAll()
    s.release()
    await settle()
    expect(s.mounted).toHaveLength(1)
    expect(s.shown).toEqual([])
  })

  /** A visitor who rejected everything on an earlier page view, so no banner opens by itself. */
  async function returning() {
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.rejectAll()
    await settle()
    s.shown.length = 0
    s.mounted.length = 0
    const candor = s.visit()
    await candor.init(config)
    return { s, candor }
  }

  it('opens the banner or the preference centre on request, also after a decision', async () => {
    const { s, candor } = await returning()
    await candor.show()
    await candor.showPreferences()
    expect(s.shown).toEqual(['banner', 'preferences'])
    expect(s.mounted).toHaveLength(1)
  })

  it('opens the preference centre when an element marked data-candor-open is clicked', async () => {
    const s = site()
    const candor = s.visit()
    await candor.init(config)
    await candor.rejectAll()
    await settle()
    s.shown.length = 0
    s.win.document.body.innerHTML = '<footer><a href="/datenschutz" data-candor-open><span>Cookie-Einstellungen</span></a></footer>'
    const click = new s.win.MouseEvent('click', { bubbles: true, cancelable: true })
    s.win.document.querySelector('span')!.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(s.shown).toEqual(['preferences']))
  })

  it('tries the UI download again after it failed', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = site()
    const first = s.visit()
    await first.init(config)
    await first.rejectAll()
    const candor = s.visit()
    await candor.init(config)
    s.fail.push('ui')
    await expect(candor.showPreferences()).rejects.toThrow('Failed to fetch')
    await candor.showPreferences()
    expect(s.shown.slice(-1)).toEqual(['preferences'])
    report.mockRestore()
  })

  it('is frozen', () => {
    expect(Object.isFrozen(site().visit())).toBe(true)
  })
})
