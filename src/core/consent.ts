import { atom } from 'nanostores'
import type { ReadableAtom } from 'nanostores'
import type { Writer } from './decide'
import { holds } from './expression'
import { createGate } from './gate'
import { outline } from './outline'
import { read } from './persist'
import { EMPTY, derive } from './state'
import type { Scope } from './state'
import { safeStorage } from './storage'
import type { Choices, Config, ConsentRecord, ConsentState, Method, Receipt } from './types'

/** Where Candor lives and how it reaches its lazily loaded part. */
export interface Env {
  /** Loads `decide.ts`: the validator and everything that writes decisions. */
  load: () => Promise<typeof import('./decide')>
  window?: Window & typeof globalThis
  /** Storage for the mirror of the record; `localStorage` by default. */
  storage?: Storage
  /** Functions queued with `candor.push` before the script loaded; they run after `init()`. */
  queue?: ((candor: Candor) => void)[]
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
   * Starts with `config`, an object or its JSON text. Settles once the config is known to be valid; rejects with a
   * `CandorConfigError` naming every problem otherwise. A second call is ignored with a warning.
   */
  init(config: Config | string): Promise<void>
  /** The current consent (a nanostores store); read-only. */
  $consent: ReadableAtom<ConsentState>
  /** Whether an expression such as `analytics`, `marketing/meta` or `!analytics` holds now. */
  granted(expression: string): boolean
  /** Runs `fn` now if the expression holds, else once it does; returns a cancel function. */
  whenGranted(expression: string, fn: () => void): () => void
  /** Calls `fn` with the state whenever it changes; returns an unsubscribe function. */
  on(event: 'change', fn: (state: ConsentState) => void): () => void
  acceptAll(): Promise<void>
  rejectAll(): Promise<void>
  /** Sets purposes and `purpose/service` keys; purposes not named keep their answer or are denied. */
  set(choices: Choices): Promise<void>
  /** Records a decision made in a UI; `method` says how. */
  decide(choices: Choices, method: Method): Promise<void>
  /** Withdraws everything: deletes declared cookies and storage and the record. */
  forget(): Promise<void>
  /** The latest decision as proof of consent, or null. */
  receipt(): Receipt | null
  /** Runs `fn(candor)` now, or after `init()` when called before it. */
  push(fn: (candor: Candor) => void): void
}

/** Marks a Candor, so a second copy of the script (or the ESM build beside it) stands down. */
export const MARK = Symbol.for('candor')

const warn = (message: string): void => console.warn('[candor] ' + message)

const report = (e: unknown): void => (globalThis.reportError || console.error)(e)

// A page's callback that throws must not stop the gate or other listeners of the store.
const guard =
  <A extends unknown[]>(fn: (...args: A) => void) =>
  (...args: A): void => {
    try {
      fn(...args)
    } catch (e) {
      report(e)
    }
  }

/**
 * Creates a consent manager. `init(config)` reads the stored decision, starts the tag gate, and
 * applies the decision at once when it was made on this very config (checked by fingerprint);
 * otherwise it first loads and runs the validator. Nothing is granted before that.
 *
 * @example
 * const candor = createCandor({ load: () => import('./decide') })
 * await candor.init(config)
 * candor.whenGranted('analytics', startAnalytics)
 */
export function createCandor(env: Env): Candor {
  let win = env.window || window
  let doc = win.document
  let queue = env.queue || []
  let store = safeStorage(() => env.storage || win.localStorage)
  let $consent = atom<ConsentState>(EMPTY)
  let $record = atom<ConsentRecord | null>(null)
  let scope: Scope[] | undefined
  let writer: Promise<Writer> | undefined
  let ready: Promise<void> | undefined
  let input: Config | string | undefined
  // Whether the state is already known and every stored copy agrees, so the lazy part need not touch it.
  let settled = false
  // A failed download may be retried by the next call; a config the validator refused stays refused.
  let write = (): Promise<Writer> =>
    input
      ? (writer ||= env
          .load()
          .catch(e => {
            writer = undefined
            throw e
          })
          .then(m => {
            let w = m.createWriter(input, { window: win, storage: store, warn })
            if (!settled) {
              settled = true
              scope = w.config.purposes
              let r = w.load()
              r ? $record.set(r) : show()
            }
            return w
          }))
      : Promise.reject(new Error('[candor] call init() first'))
  let show = (): void => $consent.set(scope ? derive(scope, $record.get()) : EMPTY)
  let check = (expression: string, state: ConsentState): boolean => {
    let result = holds(expression, state)
    // Before the config is known no purpose is; only then can a typo be told from a purpose.
    if (result === undefined && scope) warn(`"${expression}": unknown purpose or service`)
    return !!result
  }
  let record = (choices: Choices, method: Method): Promise<void> =>
    write().then(w => $record.set(w.decide($record.get(), choices, method)))
  let all = (value: boolean): Promise<void> =>
    write().then(() => {
      let choices: Choices = {}
      for (let p of scope!) {
        if (p.required) continue
        choices[p.id] = value
        if (value) for (let s of p.services) choices[p.id + '/' + s.id] = true
      }
      return record(choices, value ? 'accept-all' : 'reject-all')
    })

  function init(config: Config | string): Promise<void> {
    if (ready) {
      warn('init() was already called: ignored')
      return ready
    }
    input = config
    $consent.listen(state => doc.dispatchEvent(new win.CustomEvent('candor:change', { detail: state })))
    $consent.listen((state, old = EMPTY) => {
      let revoked = (key: string): boolean => old.services[key] && !state.services[key]
      if (Object.keys(old.services).some(revoked)) {
        write()
          .then(w => {
            w.erase(revoked)
            if (w.config.reloadOnRevoke) win.location.reload()
          })
          .catch(report)
      }
    })
    createGate(win, $consent, warn)
    $record.listen(show)
    try {
      // JSON text, as the script tag passes it; when it does not parse, the validator says why.
      if (typeof config == 'string') input = JSON.parse(config)
      let sight = outline(input)
      let found = read(sight.cookie, { document: doc, storage: store, now: Date.now })
      if (found.record?.config === sight.fingerprint) {
        scope = sight.purposes
        settled = !found.stale
        $record.set(found.record)
      }
    } catch {
      // Garbage that the validator will name precisely.
    }
    ready = settled ? Promise.resolve() : write().then(() => {})
    for (let fn of queue.splice(0)) candor.push(fn)
    return ready
  }

  let candor: Candor = {
    [MARK]: true,
    init,
    $consent,
    granted: expression => check(expression, $consent.get()),
    whenGranted(expression, fn) {
      let done = false
      let off: (() => void) | undefined
      off = $consent.subscribe(state => {
        if (!done && check(expression, state)) {
          done = true
          off?.()
          guard(fn)()
        }
      })
      // subscribe() calls back once before it returns, while `off` is still unassigned.
      if (done) off()
      return off
    },
    on(event, fn) {
      if (event != 'change') throw new Error(`[candor] on("${event}"): unknown event, expected "change"`)
      return $consent.listen(guard(fn))
    },
    acceptAll: () => all(true),
    rejectAll: () => all(false),
    set: choices => record(choices, 'api'),
    decide: record,
    forget: () =>
      write().then(w => {
        w.forget()
        $record.set(null)
      }),
    receipt() {
      let r = $record.get()
      if (!r || !scope) return null
      let { purposes, services } = $consent.get()
      let versions: Receipt['versions'] = {}
      for (let p of scope) versions[p.id] = p.version
      let iso = (t: number): string => new Date(t).toISOString()
      let { id, method, language, config } = r
      return { id, decidedAt: iso(r.decidedAt), timestamp: iso(r.updatedAt), method, language, purposes, services, versions, config }
    },
    push: fn => (ready ? guard(fn)(candor) : void queue.push(fn))
  }
  return Object.freeze(candor)
}
