import type { ReadableAtom } from 'nanostores'
import type { ConsentState } from './types'
import { holds } from './expression'

const URLS = ['srcset', 'src', 'href']

// Types a browser runs. For any other type, and for `nomodule` in browsers that know modules, it
// skips an external script without firing load or error (HTML "prepare the script element"), so
// waiting would hold up every later tag. Rare JS spellings (text/ecmascript, x-javascript) merely
// do not hold the chain.
const RUNS = /^(module|(text|application)\/javascript)?$/i

/**
 * Activates elements marked with `data-consent` once their expression holds: inert
 * `<script type="text/plain">` tags (run in document order, each external one loaded before the
 * next is inserted) and elements whose `data-src`, `data-srcset` or `data-href` is withheld.
 * Waits for DOMContentLoaded, then also watches for elements added later. Each element is
 * activated, or warned about, at most once; nothing happens while no purpose is known yet.
 * It watches for as long as the page lives.
 *
 * @example
 * // <script type="text/plain" data-consent="analytics/matomo" src="/matomo.js"></script>
 * createGate(window, $consent, m => console.warn('candor:', m))
 */
export function createGate(
  win: Window & typeof globalThis,
  $consent: ReadableAtom<ConsentState>,
  warn: (message: string) => void
): void {
  const d = win.document
  // Activated, queued or reported: each element at most once.
  const done = new WeakSet<Element>()
  const expr = (e: Element): string => e.getAttribute('data-consent') || ''
  const say = (e: Element, m: unknown): void => warn(`<${e.localName} data-consent="${expr(e)}">: ${m}`)
  let chain: Promise<unknown> = Promise.resolve()
  let policy: { createScript(code: string): unknown } | undefined
  try {
    policy = (win as { trustedTypes?: { createPolicy(name: string, rules: object): typeof policy } }).trustedTypes?.createPolicy('candor', {
      createScript: (code: string) => code
    })
  } catch {
    // The page's CSP names its Trusted Types policies and leaves `candor` out: where they are
    // enforced, gated inline scripts stay blocked (README, "Content Security Policy").
  }

  /**
   * Replaces an inert script by a live copy, or copies the withheld URLs of another element. For
   * an external, non-async script, resolves once it has loaded or failed, so the next gated script
   * (often its inline setup) runs after it.
   */
  const activate = (e: Element): Promise<unknown> | void => {
    try {
      if (e.localName == 'script') {
        const old = e as HTMLScriptElement
        // A clone keeps every attribute, the code, and the nonce that browsers hide from the
        // attribute after parsing (CSP nonce hiding), all without passing a Trusted Types sink. A
        // script the browser skipped for its type was never "already started", so its clone runs.
        const s = old.cloneNode(true) as HTMLScriptElement
        // Chromium does not count a clone's code as parsed, so where Trusted Types are enforced it
        // must pass a policy: the page's own markup, as trusted as when the parser read it.
        if (policy && old.text) s.text = policy.createScript(old.text) as string
        s.type = old.getAttribute('data-type') || ''
        // Inserted scripts are async by default, which would break document order.
        s.async = old.hasAttribute('async')
        // Listen before inserting: some environments fire load/error during insertion. Inserting a
        // connected script's copy in its place cannot throw, so the promise cannot reject and
        // stall the chain.
        return s.src && !s.async && !s.noModule && RUNS.test(s.type)
          ? new Promise(r => {
              s.addEventListener('load', r)
              s.addEventListener('error', r)
              old.replaceWith(s)
            })
          : old.replaceWith(s)
      }
      for (const a of URLS) {
        const v = e.getAttribute('data-' + a)
        if (v != null) e.setAttribute(a, v)
      }
      // A media element picks its <source> only when loading, so it must be told to look again.
      if (e.localName == 'source') (e.parentElement as Partial<HTMLMediaElement> | null)?.load?.()
    } catch (x) {
      say(e, x)
    }
  }

  const scan = (state: ConsentState): void => {
    // Before the validator has checked the config (first visit) no purpose is known: nothing can
    // hold yet, and a typo cannot be told from a purpose.
    if (!Object.keys(state.purposes).length) return
    for (const e of d.querySelectorAll('[data-consent]')) {
      const gated =
        e.localName == 'script'
          ? (e as HTMLScriptElement).type == 'text/plain'
          : URLS.some(a => e.hasAttribute('data-' + a))
      if (!gated) continue
      const ok = holds(expr(e), state)
      if (done.has(e) || ok == false) continue
      done.add(e)
      if (ok == undefined) say(e, 'unknown purpose or service')
      else if (e.localName != 'script') activate(e)
      // Consent may have been withdrawn, or the tag removed, while earlier scripts were loading.
      else chain = chain.then(() => (e.isConnected && holds(expr(e), $consent.get()) ? activate(e) : done.delete(e)))
    }
  }

  // While the parser is still running, an inline script's text may not be complete yet.
  const start = (): void => {
    $consent.subscribe(scan)
    new win.MutationObserver(() => scan($consent.get())).observe(d.documentElement, { childList: true, subtree: true })
  }
  if (d.readyState == 'loading') d.addEventListener('DOMContentLoaded', start, { once: true })
  else start()
}
