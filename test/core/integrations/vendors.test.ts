import { describe, expect, it } from 'vitest'
import { matomo, meta, uet } from '../../../src/core/integrations/vendors'
import type { VendorPage } from '../../../src/core/integrations/vendors'

/** Meta's base code as Meta publishes it, with the script download left out. */
function metaSnippet(win: VendorPage & { _fbq?: unknown }): void {
  if (win.fbq) return
  type Stub = ((...args: unknown[]) => void) & { callMethod?: (...a: unknown[]) => void; queue: unknown[]; push: unknown; loaded: boolean; version: string }
  const n = (win.fbq = function (...args: unknown[]) {
    n.callMethod ? n.callMethod(...args) : n.queue.push(args)
  } as Stub)
  if (!win._fbq) win._fbq = n
  n.push = n
  n.loaded = true
  n.version = '2.0'
  n.queue = []
}

const queueOf = (win: VendorPage) => (win.fbq as unknown as { queue: unknown[][] }).queue

describe('matomo', () => {
  it('requires consent before Matomo tracks, then gives and forgets it', () => {
    const win = {} as VendorPage
    const send = matomo(win)
    send(true)
    send(false)
    expect(win._paq).toEqual([['requireConsent'], ['setConsentGiven'], ['forgetConsentGiven']])
  })

  it('keeps the commands the page queued before', () => {
    const win = { _paq: [['setSiteId', '1']] } as VendorPage
    matomo(win)
    expect(win._paq).toEqual([['setSiteId', '1'], ['requireConsent']])
  })
})

describe('uet', () => {
  it('denies ad_storage by default, then updates it', () => {
    const win = {} as VendorPage
    const send = uet(win)
    send(true)
    expect(win.uetq).toEqual([
      'consent', 'default', { ad_storage: 'denied' },
      'consent', 'update', { ad_storage: 'granted' }
    ])
  })
})

describe('meta', () => {
  it('queues the revoke before the pixel’s init when the snippet runs after Candor', () => {
    const win = {} as VendorPage
    meta(win)
    metaSnippet(win)
    win.fbq!('init', '123')
    win.fbq!('track', 'PageView')
    expect(queueOf(win)).toEqual([['consent', 'revoke'], ['init', '123'], ['track', 'PageView']])
  })

  it('queues a grant instead when the visitor agreed before the pixel’s first call', () => {
    const win = {} as VendorPage
    const send = meta(win)
    send(true)
    metaSnippet(win)
    win.fbq!('init', '123')
    expect(queueOf(win)).toEqual([['consent', 'grant'], ['init', '123']])
  })

  it('leaves fbq a plain property that the pixel can replace', () => {
    const win = {} as VendorPage
    const send = meta(win)
    metaSnippet(win)
    win.fbq!('init', '123')
    const replaced: unknown[][] = []
    win.fbq = (...args: unknown[]) => void replaced.push(args)
    send(true)
    expect(replaced).toEqual([['consent', 'grant']])
  })

  it('revokes at once when the pixel is already there', () => {
    const win = {} as VendorPage
    metaSnippet(win)
    const send = meta(win)
    send(true)
    send(false)
    expect(queueOf(win)).toEqual([['consent', 'revoke'], ['consent', 'grant'], ['consent', 'revoke']])
  })
})
