import { atom } from 'nanostores'
import type { ReadableAtom, WritableAtom } from 'nanostores'
import { validate } from './config'
import { erase } from './erase'
import { createGate } from './gate'
import { holds } from './expression'
import { createPersistence } from './persist'
import { newId } from './record'
import { EMPTY, decide, derive } from './state'
import { safeStorage } from './storage'
import type { Choices, ConsentRecord, ConsentState, Method, Purpose, Receipt } from './types'

/** Where an instance lives: the page's window by default; tests pass their own. */
export interface Env {
  window?: Window & typeof globalThis
  /** Storage for the mirror of the record; `localStorage` by default. */
  storage?: Storage
  /** The store to write the state into; a fresh one by default. */
  $consent?: WritableAtom<ConsentState>
}

/** One configured consent manager. */
export interface Consent {
  /** The current consent; read-only. */
  $consent: ReadableAtom<ConsentState>
  granted(expression: string): boolean
  whenGranted(expression: string, fn: () => void): () => void
  on(event: 'change', fn: (state: ConsentState) => void): () => void
  acceptAll(): void
  rejectAll(): void
  set(choices: Choices): void
  forget(): void
  receipt(): Receipt | null
  /** Records a decision made in the UI; `method` says how. */
  decide(choices: Choices, method: Method): void
  /** Stops gating and listening (tests, hot reload). */
  stop(): void
}

const warn = (message: string): void => console.warn('[candor] ' + message)

// A visitor's callback that throws must not stop the gate or other listeners of the store.
const guard =
  <A extends unknown[]>(fn: (...args: A) => void) =>
  (...args: A): void => {
    try {
      fn(...args)
    } catch (e) {
      ;(globalThis.reportError || console.error)(e)
    }
  }

/**
 * Queries on a consent store, shared by an instance and by the page API before `init()`.
 *
 * @example
 * const { granted } = queries(atom(EMPTY))
 * granted('analytics') // false
 */
export function queries($consent: ReadableAtom<ConsentState>): Pick<Consent, 'granted' | 'whenGranted' | 'on'> {
  let check = (expression: string, state: ConsentState): boolean => {
    let result = holds(expression, state)
    // Before init no purpose is known yet; only a configured page can tell a typo.
    if (result === undefined && state.pending.length + Object.keys(state.purposes).length) {
      warn(`"${expression}": unknown purpose or service, or malformed expression`)
    }
    return !!result
  }
  return {
    granted: expression => check(expression, $consent.get()),
    whenGranted(expression, fn) {
      let run = guard(fn)
      if (check(expression, $consent.get())) {
        run()
        return () => {}
      }
      let off = $consent.listen(state => {
        if (check(expression, state)) {
          off()
          run()
        }
      })
      return off
    },
    on(event, fn) {
      if (event !== 'change') throw new Error(`[candor] on("${event}"): unknown event, expected "change"`)
      return $consent.listen(guard(fn))
    }
  }
}

const language = (win: Window, configured?: string): string => {
  let lang = (configured || win.document.documentElement.lang || win.navigator.language || 'en').toLowerCase()
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(lang) ? lang : 'en'
}

const patterns = (purposes: Purpose[], revoked: (key: string) => boolean) => {
  let found = { cookies: [] as string[], storage: [] as string[] }
  for (let p of purposes) {
    for (let s of p.services) {
      if (revoked(p.id + '/' + s.id)) {
        found.cookies.push(...s.cookies)
        found.storage.push(...s.storage)
      }
    }
  }
  return found
}

/**
 * Creates a consent manager for one page: validates `config` (throws `CandorConfigError`),
 * reads the stored decision, starts the tag gate.
 *
 * @example
 * import { createConsent } from 'candor'
 * const consent = createConsent(config, { window, storage: sessionStorage })
 * consent.whenGranted('analytics', startAnalytics)
 */
export function createConsent(config: unknown, env: Env = {}): Consent {
  let win = env.window || window
  let doc = win.document
  let valid = validate(config, warn)
  let { purposes } = valid
  let store = safeStorage(() => env.storage || win.localStorage)
  let persistence = createPersistence(valid.cookie, { document: doc, location: win.location, storage: store, now: Date.now })
  let $record = atom<ConsentRecord | null>(persistence.load())
  let $consent = env.$consent || atom(EMPTY)
  let stopRecord = $record.subscribe(record => $consent.set(derive(purposes, record)))
  let stopGate = createGate(win, $consent, warn)
  let wipe = (revoked: (key: string) => boolean): void =>
    erase(patterns(purposes, revoked), {
      document: doc,
      location: win.location,
      storages: [store, safeStorage(() => win.sessionStorage)]
    })
  let stopRevoke = $consent.listen((state, old) => {
    let revoked = (key: string): boolean => !!old && old.services[key] === true && !state.services[key]
    if (Object.keys(state.services).some(revoked)) {
      wipe(revoked)
      if (valid.reloadOnRevoke) win.location.reload()
    }
  })
  let stopEvent = $consent.listen(state => doc.dispatchEvent(new win.CustomEvent('candor:change', { detail: state })))
  let record = (choices: Choices, method: Method): void => {
    let next = decide(purposes, $record.get(), choices, method, {
      now: Date.now(),
      language: language(win, valid.language),
      id: () => newId(win.crypto)
    })
    persistence.save(next)
    $record.set(next)
  }
  let all = (value: boolean): Choices => {
    let choices: Choices = {}
    for (let p of purposes) {
      if (p.required) continue
      choices[p.id] = value
      if (value) for (let s of p.services) choices[p.id + '/' + s.id] = true
    }
    return choices
  }
  return {
    $consent,
    ...queries($consent),
    acceptAll: () => record(all(true), 'accept-all'),
    rejectAll: () => record(all(false), 'reject-all'),
    set: choices => record(choices, 'api'),
    decide: record,
    forget() {
      persistence.clear()
      wipe(key => !purposes.find(p => key.startsWith(p.id + '/'))?.required)
      $record.set(null)
    },
    receipt() {
      let r = $record.get()
      if (!r) return null
      let state = derive(purposes, r)
      let versions: Receipt['versions'] = {}
      for (let p of purposes) versions[p.id] = p.version
      let iso = (t: number): string => new Date(t).toISOString()
      return {
        id: r.id,
        decidedAt: iso(r.decidedAt),
        timestamp: iso(r.updatedAt),
        method: r.method,
        language: r.language,
        purposes: state.purposes,
        services: state.services,
        versions
      }
    },
    stop() {
      stopRecord()
      stopGate()
      stopRevoke()
      stopEvent()
    }
  }
}
