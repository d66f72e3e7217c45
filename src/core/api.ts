import { atom } from 'nanostores'
import { createConsent, queries } from './consent'
import type { Consent } from './consent'
import { EMPTY } from './state'
import type { Config, ConsentState } from './types'

/**
 * `window.candor`: the one consent manager of the page.
 *
 * @example
 * candor.whenGranted('analytics', () => loadMatomo())
 */
export interface CandorApi extends Omit<Consent, 'stop'> {
  /** Validates the config and starts; throws `CandorConfigError`. A second call is ignored with a warning. */
  init(config: Config): void
  /** Runs `fn(api)` now; before the script loads, `candor.push` on an array queues it. */
  push(fn: (api: CandorApi) => void): void
}

type Queued = (api: CandorApi) => void

// Marks the real API so a second copy of the script (or the ESM build beside the script tag) stands down.
const MARK = Symbol.for('candor')

const isApi = (value: unknown): value is CandorApi =>
  typeof value === 'object' && value !== null && (value as { [MARK]?: boolean })[MARK] === true

const run = (api: CandorApi, fn: unknown): void => {
  try {
    if (typeof fn === 'function') fn(api)
    else console.error('[candor] candor.push(): expected a function, got ' + typeof fn)
  } catch (e) {
    console.error(e)
  }
}

/**
 * Creates the page API over `win`; not yet initialised. Functions queued before (`candor.push`)
 * run in order after `init()`.
 *
 * @example
 * const api = createApi(window, [])
 * api.init(config)
 */
export function createApi(win: Window & typeof globalThis, queue: Queued[]): CandorApi {
  let $consent = atom<ConsentState>(EMPTY)
  let current: Consent | undefined
  let ready = (name: string): Consent | undefined => {
    if (!current) console.warn(`[candor] ${name}() before init(): ignored`)
    return current
  }
  let api: CandorApi = Object.freeze({
    [MARK]: true,
    $consent,
    ...queries($consent),
    init(config: Config) {
      if (current) return console.warn('[candor] init() was already called: ignored')
      current = createConsent(config, { window: win, $consent })
      for (let fn of queue.splice(0)) run(api, fn)
    },
    push: (fn: Queued) => (current ? run(api, fn) : void queue.push(fn)),
    acceptAll: () => ready('acceptAll')?.acceptAll(),
    rejectAll: () => ready('rejectAll')?.rejectAll(),
    set: choices => ready('set')?.set(choices),
    decide: (choices, method) => ready('decide')?.decide(choices, method),
    forget: () => ready('forget')?.forget(),
    receipt: () => (current ? current.receipt() : null)
  } satisfies CandorApi & { [MARK]: true })
  return api
}

/**
 * Returns the page's `window.candor`, creating it when absent. An existing array becomes the
 * queue. Returns `undefined` when another copy of Candor already owns the page.
 *
 * @example
 * const api = attach(window)
 * if (api) api.init(config)
 */
export function attach(win: Window & typeof globalThis): CandorApi | undefined {
  let existing: unknown = (win as { candor?: unknown }).candor
  if (isApi(existing)) return undefined
  let api = createApi(win, Array.isArray(existing) ? existing.slice() : [])
  ;(win as { candor?: unknown }).candor = api
  return api
}

/**
 * The page's API: the one `attach` made, or the one another copy already installed.
 *
 * @example
 * page(window).granted('analytics')
 */
export function page(win: Window & typeof globalThis): CandorApi {
  return attach(win) || ((win as { candor?: unknown }).candor as CandorApi)
}
