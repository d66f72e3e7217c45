import { BrowserWindow, DetachedBrowser } from 'happy-dom'
import { vi } from 'vitest'
import { createCandor } from '../../src/core/consent'
import { connect } from '../../src/core/integrations/connect'
import type { Load, Parts, View } from '../../src/core/parts'
import { memoryStorage } from '../../src/core/storage'
import type { Config } from '../../src/core/types'

type Win = Window & typeof globalThis

export const config: Config = {
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
 * `reload()` leaves it for a fresh page (a new window and document) that keeps only the cookie
 * jar and the storage. The UI part is a stand-in that records the views it is asked to show;
 * `fail` makes the next download of a part fail.
 */
export function site(url = 'https://shop.example/') {
  // The pages of one browser context share its cookie jar, as a visitor's page views do. As on a
  // `new Window()`, a followed link only changes the URL: it neither fetches nor replaces the window.
  const context = new DetachedBrowser(BrowserWindow, { settings: { navigation: { disableMainFrameNavigation: true } } }).defaultContext
  const open = () => {
    const page = context.newPage()
    page.url = url
    return page
  }
  let page = open()
  const window = () => page.mainFrame.window as unknown as Win
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
    createCandor({ window: window(), storage, load, queue, connect })
  /** A page view that started on `config` and made a decision: accept all or reject all. */
  const decided = async (how: 'acceptAll' | 'rejectAll', on: Config = config) => {
    const candor = visit()
    await candor.init(on)
    await candor[how]()
    return candor
  }
  const reload = async () => {
    const left = page
    page = open()
    // Closing stops what the old page view still ran: its gate, timers and listeners.
    await left.close()
  }
  return {
    get win() {
      return window()
    },
    storage, load: fetch, shown, mounted, fail, hold, release: () => release(), visit, decided, reload
  }
}

/** Lets pending promise callbacks and timers of 0 ms run. */
export const settle = () => new Promise(r => setTimeout(r, 0))
