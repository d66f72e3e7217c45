import type { ReadableAtom } from 'nanostores'
import type { ConsentState } from './types'
import { holds } from './expression'

const URLS = ['srcset', 'src', 'href']

// The types a browser runs (HTML "prepare the script element"). For any other type, and for
// `nomodule` in browsers that know modules, it skips the script without firing load or error.
const RUNS = /^\s*(module|(text|application)\/(x-)?(java|ecma)script)?\s*$/i

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
  const expr = (e: Element): string => e.getAttribute('data-consent') || ''
  const say = (e: Element, m: unknown): void => warn(`<${e.localName} data-consent="${expr(e)}">: ${m}`)
  let on = true
  let chain: Promise<unknown> = Promise.resolve()

  /**
   * Replaces an inert script by a live copy. Resolves once an external, non-async script has
   * loaded or failed, so the next gated script (often its inline setup) runs after it.
   */
  const swap = (old: HTMLScriptElement): Promise<unknown> | undefined => {
    const s = d.createElement('script')
    for (const a of old.attributes) if (a.name != 'type') s.setAttribute(a.name, a.value)
    const type = old.getAttribute('data-type')
    if (type) s.type = type
    // Browsers blank the nonce attribute after parsing (CSP nonce hiding); only the IDL property keeps it.
    if (old.nonce) s.nonce = old.nonce
    // Script elements made by createElement are async by default, which would break document order.
    s.async = old.hasAttribute('async')
    s.text = old.text
    done.add(s)
    // Listen before inserting: some environments fire load/error during insertion.
    const wait = s.src && !s.async && !s.noModule && RUNS.test(s.type)
      ? new Promise(r => ['load', 'error'].forEach(t => s.addEventListener(t, r)))
      : undefined
    old.replaceWith(s)
    return wait
  }

  // Consent may have been withdrawn, or the tag removed, while earlier scripts were loading.
  const run = (e: HTMLScriptElement): Promise<unknown> | undefined => {
    if (!on || !e.isConnected || !holds(expr(e), $consent.get())) done.delete(e)
    else
      try {
        return swap(e)
      } catch (x) {
        // Trusted Types enforcement makes `s.text =` throw on pages without a default policy.
        say(e, x)
      }
  }

  const scan = (state: ConsentState): void => {
    // Before the validator has checked the config (first visit) no purpose is known: nothing can
    // hold yet, and a typo cannot be told from a purpose.
    if (!on || !Object.keys(state.purposes).length) return
    for (const e of d.querySelectorAll('[data-consent]')) {
      const script = e.localName == 'script'
      if (
        done.has(e) ||
        (script ? (e as HTMLScriptElement).type != 'text/plain' : !URLS.some(a => e.hasAttribute('data-' + a)))
      )
        continue
      const ok = holds(expr(e), state)
      if (ok) {
        done.add(e)
        if (script) chain = chain.then(() => run(e as HTMLScriptElement))
        else {
          for (const a of URLS) {
            const v = e.getAttribute('data-' + a)
            if (v != null) e.setAttribute(a, v)
          }
          const p = e.parentElement
          // A media element picks its <source> only when loading, so it must be told to look again.
          if (e.localName == 'source' && p?.matches('audio,video')) (p as HTMLMediaElement).load()
        }
      } else if (ok === undefined && !warned.has(e)) {
        warned.add(e)
        say(e, 'unknown purpose or service')
      }
    }
  }

  const observer = new win.MutationObserver(() => scan($consent.get()))
  // Until started, stopping only has to drop the DOMContentLoaded listener.
  let off = (): void => d.removeEventListener('DOMContentLoaded', start)
  // While the parser is still running, an inline script's text may not be complete yet.
  function start(): void {
    off = $consent.subscribe(scan)
    observer.observe(d.documentElement, { childList: true, subtree: true })
  }
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', start, { once: true })
  else start()

  return () => {
    on = false
    off()
    observer.disconnect()
  }
}
