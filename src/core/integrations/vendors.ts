/** A page that may run Matomo, the Meta Pixel or Microsoft UET. */
export type VendorPage = Window & {
  _paq?: unknown[][]
  uetq?: unknown[]
  fbq?: (...args: unknown[]) => void
}

/**
 * Drives one vendor's own consent API: made once at start, when it sends the vendor's "no
 * consent yet" signal, then called with every change of whether the vendor is granted.
 *
 * @example
 * const send = matomo(window)
 * send(true)
 */
export type Vendor = (win: VendorPage) => (granted: boolean) => void

/**
 * Matomo: `requireConsent` before any tracking, then `setConsentGiven` / `forgetConsentGiven`
 * (developer.matomo.org/guides/tracking-consent). Matomo applies these before the rest of its queue.
 *
 * @example
 * matomo(window)(true) // _paq: [['requireConsent'], ['setConsentGiven']]
 */
export const matomo: Vendor = win => {
  let push = (command: string): unknown => (win._paq = win._paq || []).push([command])
  push('requireConsent')
  return granted => push(granted ? 'setConsentGiven' : 'forgetConsentGiven')
}

/**
 * Microsoft UET consent mode: `ad_storage` denied by default, then updated
 * (learn.microsoft.com/advertising/guides/universal-event-tracking, "consent mode").
 *
 * @example
 * uet(window)(true) // uetq: ['consent', 'default', { ad_storage: 'denied' }, 'consent', 'update', { ad_storage: 'granted' }]
 */
export const uet: Vendor = win => {
  let push = (kind: string, granted: boolean): unknown =>
    (win.uetq = win.uetq || []).push('consent', kind, { ad_storage: granted ? 'granted' : 'denied' })
  push('default', false)
  return granted => push('update', granted)
}

/**
 * Meta Pixel: `fbq('consent', 'revoke')` before `fbq('init')`, `fbq('consent', 'grant')` once
 * granted (developers.facebook.com/docs/meta-pixel/implementation/gdpr). The pixel's snippet does
 * nothing when `fbq` already exists and calls `fbq('init')` right after defining it, so Candor
 * cannot define it first; it waits for the snippet's `fbq` and queues its call at the first use.
 *
 * @example
 * meta(window)(false) // fbq('consent', 'revoke'), now or before the pixel's first call
 */
export const meta: Vendor = win => {
  let granted = false
  let waiting = !win.fbq
  let send = (fbq: (...args: unknown[]) => void): void => fbq('consent', granted ? 'grant' : 'revoke')
  if (waiting) {
    let fbq: VendorPage['fbq']
    Object.defineProperty(win, 'fbq', {
      configurable: true,
      set: f => (fbq = f),
      get() {
        if (fbq) {
          waiting = false
          // From now on a plain property again, as the pixel expects.
          delete win.fbq
          send((win.fbq = fbq))
        }
        return fbq
      }
    })
  } else send(win.fbq!)
  return g => {
    granted = g
    if (!waiting) send(win.fbq!)
  }
}
