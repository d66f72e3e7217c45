import type { ReadableAtom } from 'nanostores'
import type { ConsentState } from './types'
import { holds } from './expression'

const URLS = ['srcset', 'src', 'href']

/** 1: a gated script, 2: an element waiting for data-src/-srcset/-href, 0: not ours. */
const kind = (e: Element): number =>
  e.localName == 'script'
    ? +(e.getAttribute('type') == 'text/plain')
    : +URLS.some(a => e.hasAttribute('data-' + a)) * 2

const what = (e: Element): string => `data-consent="${e.getAttribute('data-consent')}" on <${e.localName}>`

/**
 * Replaces an inert script by a live copy. Resolves once an external, non-async script has
 * loaded or failed, so the next gated script (often its inline setup) runs after it.
 */
function swap(d: Document, old: HTMLScriptElement, done: WeakSet<Element>): Promise<unknown> | undefined {
  const s = d.createElement('script')
  for (const a of old.attributes) if (a.name != 'type') s.setAttribute(a.name, a.value)
  const type = old.getAttribute('data-type')
  if (type) s.type = type
  // Browsers blank the nonce attribute after parsing (CSP nonce hiding); only the IDL property keeps it.
  if (old.nonce) s.nonce = old.nonce
  const async = old.hasAttribute('async')
  // Script elements made by createElement are async by default, which would break document order.
  if (!async) s.async = false
  s.text = old.text
  done.add(s)
  // Listen before inserting: some environments fire load/error during insertion.
  const wait = old.hasAttribute('src') && !async
    ? new Promise(r => ['load', 'error'].forEach(t => s.addEventListener(t, r)))
    : undefined
  old.replaceWith(s)
  return wait
}

function reveal(e: Element): void {
  for (const a of URLS) {
    const v = e.getAttribute('data-' + a)
    if (v != null) e.setAttribute(a, v)
  }
  const p = e.parentElement
  // A media element picks its <source> only when loading, so it must be told to look again.
  if (e.localName == 'source' && p?.matches('audio,video')) (p as HTMLMediaElement).load()
}

/**
 * Activates elements marked with `data-consent` once their expression holds: inert
 * `<script type="text/plain">` tags (run in document order, each external one loaded before the
 * next is inserted) and elements whose `data-src`, `data-srcset` or `data-href` is withheld.
 * Waits for DOMContentLoaded, then also watches for elements added later. Each element is
 * activated at most once. Returns a function that stops watching.
 *
 * @example
 * // <script type="text/plain" data-consent="analytics/matomo" src="/matomo.js"></script>
 * const stop = createGate(window, $consent, m => console.warn('candor:', m))
 */
export function createGate(
  win: Window & typeof globalThis,
  $consent: ReadableAtom<ConsentState>,
  warn: (message: string) => void
): () => void {
  const d = win.document
  const done = new WeakSet<Element>()
  const warned = new WeakSet<Element>()
  const test = (e: Element, state: ConsentState) => holds(e.getAttribute('data-consent') || '', state)
  let on = true
  let chain: Promise<unknown> = Promise.resolve()
  let unsubscribe: (() => void) | undefined

  const safe = <T>(e: Element, f: () => T): T | undefined => {
    try {
      return f()
    } catch (x) {
      warn(`${what(e)}: ${x}`)
    }
  }

  // Consent may have been withdrawn, or the tag removed, while earlier scripts were loading.
  const run = (e: HTMLScriptElement): Promise<unknown> | undefined => {
    if (on && e.isConnected && test(e, $consent.get())) return safe(e, () => swap(d, e, done))
    done.delete(e)
  }

  const scan = (state: ConsentState): void => {
    for (const e of d.querySelectorAll('[data-consent]')) {
      const k = kind(e)
      if (!k || done.has(e)) continue
      const ok = test(e, state)
      if (ok) {
        done.add(e)
        if (k == 2) safe(e, () => reveal(e))
        else chain = chain.then(() => run(e as HTMLScriptElement))
      } else if (ok === undefined && !warned.has(e)) {
        warned.add(e)
        warn(`${what(e)}: unknown purpose or malformed expression`)
      }
    }
  }

  const observer = new win.MutationObserver(records => {
    if (records.some(r => r.addedNodes.length)) scan($consent.get())
  })

  // While the parser is still running, an inline script's text may not be complete yet.
  const start = (): void => {
    unsubscribe = $consent.subscribe(scan)
    observer.observe(d.documentElement, { childList: true, subtree: true })
  }
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', start, { once: true })
  else start()

  return () => {
    on = false
    d.removeEventListener('DOMContentLoaded', start)
    unsubscribe?.()
    observer.disconnect()
  }
}
