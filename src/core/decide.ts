import { validate } from './config'
import { erase } from './erase'
import { fingerprint } from './outline'
import { createPersistence } from './persist'
import { newId } from './record'
import { decide } from './state'
import { safeStorage } from './storage'
import type { SafeStorage } from './storage'
import type { Choices, ConsentRecord, Method, Purpose, ValidConfig } from './types'

/**
 * The part of Candor that is loaded only when it is needed: on a first visit, for a decision, or
 * when the page's config differs from the one the stored decision was made on. Returning visitors
 * on an unchanged config never download it.
 */
export interface Writer {
  config: ValidConfig
  /** Reads the stored decision and rewrites copies that disagree. */
  load(): ConsentRecord | null
  /** Stores a decision and returns it. Throws when `choices` name unknown or required purposes. */
  decide(record: ConsentRecord | null, choices: Choices, method: Method): ConsentRecord
  /** Deletes the cookies and storage of the services whose `purpose/service` key is revoked. */
  erase(revoked: (key: string) => boolean): void
  /** Deletes the record and everything optional services declared. */
  forget(): void
}

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
 * const writer = createWriter(config, { window, storage: safeStorage(() => localStorage), warn: console.warn })
 * const record = writer.decide(null, { analytics: true }, 'api')
 */
export function createWriter(
  input: unknown,
  env: { window: Window & typeof globalThis; storage: SafeStorage; warn: (message: string) => void }
): Writer {
  let config = validate(input, env.warn)
  let win = env.window
  let doc = win.document
  let persistence = createPersistence(config.cookie, { document: doc, location: win.location, storage: env.storage, now: Date.now })
  let wipe = (revoked: (key: string) => boolean): void =>
    erase(declared(config.purposes, revoked), {
      document: doc,
      location: win.location,
      storages: [env.storage, safeStorage(() => win.sessionStorage)]
    })
  return {
    config,
    load: persistence.load,
    decide(record, choices, method) {
      let next = decide(config.purposes, record, choices, method, {
        now: Date.now(),
        language: language(win, config.language),
        config: fingerprint(input),
        id: () => newId(win.crypto)
      })
      persistence.save(next)
      return next
    },
    erase: wipe,
    forget() {
      persistence.clear()
      wipe(key => !config.purposes.find(p => key.startsWith(p.id + '/'))?.required)
    }
  }
}
