import { atom } from 'nanostores'
import type { ReadableAtom } from 'nanostores'
import type { Writer } from './decide'
import type { Load, View } from './parts'
import { holds } from './expression'
import { createGate } from './gate'
import { guard, report } from './guard'
import { integrate } from './integrations'
import type { Vendors } from './integrations'
import type { connect } from './integrations/connect'
import { outline } from './outline'
import { keys } from './keys'
import type { Outline } from './outline'
import { peek } from './persist'
import { readStorage } from './storage'
import { EMPTY, derive } from './state'
import type { Scope } from './state'
import type { Opener } from './storage'
import type { AllOptions, Choices, Config, ConsentRecord, ConsentState, Method, Receipt } from './types'

/** Where Candor lives and how it reaches its lazily loaded parts. */
export interface Env {
  /** Loads `decide` (the validator and everything that writes decisions) or `ui` (the banner). */
  load: Load
  window?: Window & typeof globalThis
  /** Storage for the mirror of the record; `localStorage` by default. */
  storage?: Storage
  /** Functions queued with `candor.push` before the script loaded; they run after `init()`. */
  queue?: ((candor: Candor) => void)[]
  /** Drives the vendor adapters given to `init()` (`connect` from `integrations/connect`); without it they are not used. */
  connect?: typeof connect
}

/**
 * A consent manager: `window.candor` on a page, or one made with `createCandor` in tests and apps.
 *
 * @example
 * candor.whenGranted('analytics', () => loadMatomo())
 */
export interface Candor {
  readonly [MARK]: true
  /**
   * Starts with `config`, an object or its JSON text, and the adapters of the vendors that
   * `config.integrations` names (`import { matomo } from 'candor/vendors'`). Settles once the config is known to be valid; rejects with a
   * `CandorConfigError` naming every problem otherwise. A second call is ignored with a warning.
   */
  init(config: Config | string, vendors?: Vendors): Promise<void>
  /** The current consent (a nanostores store); read-only. */
  $consent: ReadableAtom<ConsentState>
  /** Whether an expression such as `analytics`, `marketing/meta` or `!analytics` holds now. */
  granted(expression: string): boolean
  /** Runs `fn` now if the expression holds, else once it does; returns a cancel function. */
  whenGranted(expression: string, fn: () => void): () => void
  /** Calls `fn` with the state whenever it changes; returns an unsubscribe function. */
  on(event: 'change', fn: (state: ConsentState) => void): () => void
  /**
   * Grants every purpose and service, but those Global Privacy Control objects to. `pending`:
   * only the purposes still to ask about, keeping earlier answers (a banner's re-consent); `seen`:
   * the text the visitor saw.
   */
  acceptAll(options?: AllOptions): Promise<void>
  /** Denies every optional purpose (or, with `pending`, those still to ask about). */
  rejectAll(options?: AllOptions): Promise<void>
  /**
   * Sets purposes and `purpose/service` keys; purposes not named keep their answer or are denied.
   * A UI passes how the visitor decided (`method`, default `api`) and the text they saw (`seen`),
   * whose hash goes into the receipt.
   */
  set(choices: Choices, method?: Method, seen?: string): Promise<void>
  /** Withdraws everything: deletes declared cookies and storage and the record. */
  forget(): Promise<void>
  /** Opens the banner (the first layer), even after a decision. */
  show(): Promise<void>
  /** Opens the preference centre with the current choices. */
  showPreferences(): Promise<void>
  /**
   * The latest decision as proof of consent, or null. A promise, because on a page view that has
   * not loaded the lazy part, the receipt is read by it.
   */
  receipt(): Promise<Receipt | null>
  /** Runs `fn(candor)` now, or after `init()` when called before it. */
  push(fn: (candor: Candor) => void): void
}

/** Marks a Candor, so a second copy of the script (or the ESM build beside it) stands down. */
export const MARK = Symbol.for('candor')

const warn = (message: string): void => console.warn('[candor] ' + message)

// Caches the promise of a lazily loaded part; after a failure (a download, or a config the
// validator refused) the next call tries again.
const lazy = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined
  return () =>
    (p ||= f().catch(e => {
      p = undefined
      throw e
    }))
}

/**
 * Creates a consent manager. `init(config)` reads the stored decision, starts the tag gate, and
 * applies the decision at once when it was made on this very config (checked by fingerprint);
 * otherwise it first loads and runs the validator. Nothing is granted before that.
 *
 * @example
 * const candor = createCandor({ load: part => import(`./candor-${part}.js`) })
 * await candor.init(config)
 * candor.whenGranted('analytics', startAnalytics)
 */
export function createCandor(env: Env): Candor {
  let win = env.window || window
  let doc = win.document
  let queue = env.queue || []
  let store: Opener = () => env.storage || win.localStorage
  let $consent = atom<ConsentState>(EMPTY)
  let listen = $consent.listen
  // Every listener is guarded: one that throws (the page's, or a vendor function it calls) must not
  // stop the others, nor leave the store stuck with a half-run queue (nanostores 1.2 would).
  $consent.listen = fn => listen(guard(fn) as typeof fn)
  // The purposes, once the config is known to be valid: validated now, or the one a stored decision was made on.
  let scope: Scope[] | undefined
  let record: ConsentRecord | null = null
  let ready: Promise<void> | undefined
  let input: unknown
  let sight: Outline | undefined
  // Tells the site's other tabs of a decision; a channel does not hear its own messages.
  let channel: BroadcastChannel | undefined
  let gpc = false
  let adapters: Vendors = {}
  let apply = (r: ConsentRecord | null): void => {
    record = r
    $consent.set(derive(scope!, r, gpc))
  }
  let writer = lazy(() =>
    env.load('decide').then(m => {
      let w = m.createWriter(input, { window: win, storage: store, warn, $consent, gpc, adapters, announce: () => channel?.postMessage(0) })
      if (scope) return w
      scope = w.config.purposes
      return w.load().then(d => (apply(d), w))
    })
  )
  // Once mounted, the UI shows the banner by itself whenever a decision is needed.
  let ui = lazy(() => Promise.all([env.load('ui'), writer()]).then(([m, w]) => m.mount({ candor, config: w.config, window: win })))
  let open = (view: View): Promise<void> => ui().then(u => u.show(view))
  let check = (expression: string, state: ConsentState): boolean => {
    let result = holds(expression, state)
    // Before the config is known no purpose is; only then can a typo be told from a purpose.
    if (result === undefined && scope) warn(`"${expression}": unknown purpose or service`)
    return !!result
  }
  // The stored decision, applied when this page view can on its own (see `peek`).
  let stored = (): ConsentRecord | null => {
    let found = peek(sight!.cookie, doc, store, Date.now())
    if (found?.config === sight!.fingerprint) {
      scope = sight!.purposes
      apply(found)
    }
    return found
  }
  // Another tab stored a decision, or the page came back from the back/forward cache.
  let reread = (): void => {
    if (sight && stored()?.config !== sight.fingerprint) writer().then(w => w.load()).then(apply).catch(report)
  }
  // Decisions take turns: each starts from the record the previous one applied, so two quick calls
  // (a double click, or set() and acceptAll() before the lazy part loaded) never both start from
  // the same record and write two consent ids. A failed turn does not hold up the next.
  let turn: Promise<unknown> = Promise.resolve()
  // A call settles once the receipt is stored too, but the decision applies (and the gate runs) before.
  let via = (f: (w: Writer) => ConsentRecord | null): Promise<void> => {
    let p = turn.then(writer).then(w => (apply(f(w)), w.settled()))
    turn = p.catch(() => {})
    return p
  }

  function init(config: Config | string, vendors: Vendors = {}): Promise<void> {
    if (ready) {
      warn('init() was already called: ignored')
      return ready
    }
    input = config
    $consent.listen(state => doc.dispatchEvent(new win.CustomEvent('candor:change', { detail: state })))
    createGate(win, $consent, warn)
    $consent.listen(state => {
      if (!state.decided) ui().catch(report)
    })
    doc.addEventListener('click', e => {
      if ((e.target as Element).closest?.('[data-candor-open]')) {
        e.preventDefault()
        open('preferences').catch(report)
      }
    })
    ready = Promise.resolve()
    try {
      // JSON text, as the script tag passes it; when it does not parse, the validator says why.
      if (typeof config == 'string') input = JSON.parse(config)
    } catch {
      // The validator names the syntax error.
    }
    let c: Config = Object(input)
    // Read before validation: both can only make Candor grant less.
    gpc = (win.navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true && c.respectGPC !== false
    // Adapters this build cannot drive count as missing, so the lazy part says where to get them.
    if (env.connect) adapters = vendors
    try {
      integrate(win, c, () => scope || [], $consent)
      env.connect?.(win, c, adapters, $consent)
    } catch (e) {
      report(e)
    }
    try {
      sight = outline(c)
      let name = sight.cookie.name
      win.addEventListener('pageshow', e => e.persisted && reread())
      // The channel hears every decision the storage event would (the writer announces each one, even
      // where storage is blocked), and adding a storage listener costs Chromium a synchronous round
      // trip to the browser process of its own.
      if (win.BroadcastChannel) (channel = new win.BroadcastChannel(keys(name).channel)).onmessage = reread
      else win.addEventListener('storage', e => e.key == name && reread())
      // No decision at all: the banner will be needed, so its download starts beside the validator's.
      if (!stored()) env.load('ui').catch(report)
      else if (scope) {
        // The floating reopen button is the UI's, so a site that wants one loads it on every page view.
        if (c.ui?.reopenButton) ui().catch(report)
        // Receipts wait for the consent log: the lazy part delivers them.
        if (c.logEndpoint && readStorage(store, keys(name).log)) writer().catch(report)
      }
    } catch {
      // Garbage that the validator will name precisely.
    }
    if (!scope) ready = writer().then(() => {})
    for (let fn of queue.splice(0)) candor.push(fn)
    return ready
  }

  let candor: Candor = {
    [MARK]: true,
    init,
    $consent,
    granted: expression => check(expression, $consent.get()),
    whenGranted(expression, fn) {
      if (check(expression, $consent.get())) {
        guard(fn)()
        return () => {}
      }
      let off = $consent.listen(state => {
        if (check(expression, state)) {
          off()
          fn()
        }
      })
      return off
    },
    on(event, fn) {
      if (event != 'change') throw new Error(`[candor] on("${event}"): unknown event, expected "change"`)
      return $consent.listen(fn)
    },
    acceptAll: o => via(w => w.all(record, true, o)),
    rejectAll: o => via(w => w.all(record, false, o)),
    set: (choices, method = 'api', seen) => via(w => w.decide(record, choices, method, seen)),
    forget: () => via(w => w.forget(record)),
    show: () => open('banner'),
    showPreferences: () => open('preferences'),
    receipt: () => writer().then(w => w.receipt(record)),
    push: fn => (ready ? guard(fn)(candor) : void queue.push(fn))
  }
  return Object.freeze(candor)
}
