import { validate } from './config'
import { erase } from './erase'
import { fingerprint } from './outline'
import { createPersistence } from './persist'
import { LOST, createReceipt, digest, receiptKey, storedReceipt } from './receipt'
import { newId } from './record'
import { decide } from './state'
import { safeStorage } from './storage'
import type { Opener } from './storage'
import type { ReadableAtom } from 'nanostores'
import type { Choices, ConsentRecord, ConsentState, Method, Purpose, Receipt, ValidConfig } from './types'

/**
 * The part of Candor that is loaded only when it is needed: on a first visit, for a decision, or
 * when the page's config differs from the one the stored decision was made on. Returning visitors
 * on an unchanged config never download it. Once loaded, it deletes what services leave behind
 * whenever `$consent` withdraws them.
 */
export interface Writer {
  config: ValidConfig
  /** Reads the stored decision and rewrites copies that disagree. */
  load(): Decision
  /**
   * Stores a decision; `seen` is the text the visitor saw, hashed into the receipt. Rejects when
   * `choices` name unknown or required purposes.
   */
  decide(record: ConsentRecord | null, choices: Choices, method: Method, seen?: string): Promise<Decision>
  /**
   * Stores "accept all" (every purpose and service, but those Global Privacy Control objects to)
   * or "reject all" (every optional purpose denied).
   */
  all(record: ConsentRecord | null, value: boolean): Promise<Decision>
  /** Deletes the record, its receipt and everything optional services declared. */
  forget(): Decision
}

/** The decision in force and its receipt; both null when there is none. */
export type Decision = [record: ConsentRecord | null, receipt: Receipt | null]

const language = (win: Window, configured?: string): string => {
  let lang = (configured || win.document.documentElement.lang || win.navigator.language || 'en').toLowerCase()
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(lang) ? lang : 'en'
}

const declared = (purposes: Purpose[], revoked: (key: string) => boolean) => {
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
 * Validates `input` (throws `CandorConfigError`) and returns what writes decisions for it.
 *
 * @example
 * const writer = createWriter(config, { window, storage: () => localStorage, warn: console.warn, $consent })
 * const record = writer.decide(null, { analytics: true }, 'api')
 */
export function createWriter(
  input: unknown,
  env: { window: Window & typeof globalThis; storage: Opener; warn: (message: string) => void; $consent: ReadableAtom<ConsentState> }
): Writer {
  let config = validate(input, env.warn)
  let win = env.window
  let doc = win.document
  let persistence = createPersistence(config.cookie, { document: doc, location: win.location, storage: env.storage, now: Date.now })
  let local = safeStorage(env.storage)
  let wipe = (revoked: (key: string) => boolean): void =>
    erase(declared(config.purposes, revoked), {
      document: doc,
      location: win.location,
      storages: [local, safeStorage(() => win.sessionStorage)]
    })
  let key = receiptKey(config.cookie.name)
  let gpc = (): boolean => env.$consent.get().gpc
  let write = async (record: ConsentRecord | null, choices: Choices, method: Method, seen?: string): Promise<Decision> => {
    let next = decide(config.purposes, record, choices, method, {
      now: Date.now(),
      language: language(win, config.language),
      config: fingerprint(input),
      id: () => newId(win.crypto)
    })
    persistence.save(next)
    let receipt = createReceipt(next, config.purposes, { textHash: seen ? await digest(win, seen) : null, gpc: gpc() })
    local.set(key, JSON.stringify(receipt))
    return [next, receipt]
  }
  // Every decision, here or in another tab, is applied through this part, so it sees every revocation.
  env.$consent.listen((state, old) => {
    let revoked = (key: string): boolean => old!.services[key] && !state.services[key]
    if (Object.keys(old!.services).some(revoked)) {
      wipe(revoked)
      if (config.reloadOnRevoke) win.location.reload()
    }
  })
  return {
    config,
    load() {
      let record = persistence.load()
      // Without storage (blocked, or full) the receipt is rebuilt from the record.
      return [record, record && (storedReceipt(env.storage, config.cookie.name, record) || createReceipt(record, config.purposes, LOST))]
    },
    decide: write,
    all(record, value) {
      let choices: Choices = {}
      for (let p of config.purposes) {
        if (p.required) continue
        // Under Global Privacy Control, "accept all" leaves out what the signal objects to.
        let on = value && !(p.gpc && gpc())
        choices[p.id] = on
        if (on) for (let s of p.services) choices[p.id + '/' + s.id] = true
      }
      return write(record, choices, value ? 'accept-all' : 'reject-all')
    },
    forget() {
      persistence.clear()
      local.remove(key)
      wipe(key => !config.purposes.find(p => key.startsWith(p.id + '/'))?.required)
      return [null, null]
    }
  }
}
