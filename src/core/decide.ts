import { validate } from './config'
import { erase } from './erase'
import { report } from './guard'
import { language } from './language'
import { labels } from './texts'
import { keys } from './keys'
import { createLog } from './log'
import { fingerprint } from './outline'
import { createPersistence } from './persist'
import { LOST, createReceipt, digest, storedReceipt } from './receipt'
import { newId } from './record'
import { decide, derive } from './state'
import { safeStorage } from './storage'
import type { Opener } from './storage'
import type { Vendors } from './integrations'
import type { ReadableAtom } from 'nanostores'
import type { AllOptions, Choices, ConsentRecord, ConsentState, Method, Purpose, Receipt, ValidConfig } from './types'

/**
 * The part of Candor that is loaded only when it is needed: on a first visit, for a decision, when
 * the page's config differs from the one the stored decision was made on, when another tab decided,
 * or while receipts wait for the consent log. Returning visitors on an unchanged config never
 * download it otherwise. Once loaded, it deletes what services leave behind whenever `$consent`
 * withdraws them.
 */
export interface Writer {
  config: ValidConfig
  /**
   * Reads the stored decision and rewrites copies that disagree. Under Global Privacy Control, when
   * only purposes the signal objects to are left to ask about, the signal is taken as the answer
   * and stored as a `gpc` decision, so the visitor is not asked.
   */
  load(): Promise<ConsentRecord | null>
  /**
   * Stores a decision and returns it; its receipt follows (see `settled`), with the hash of `seen`,
   * the text the visitor saw. Throws when `choices` name unknown or required purposes.
   */
  decide(record: ConsentRecord | null, choices: Choices, method: Method, seen?: string): ConsentRecord
  /**
   * Stores "accept all" (every purpose and service, but those Global Privacy Control objects to)
   * or "reject all" (every optional purpose denied); with `pending`, only over the purposes still
   * to ask about, so earlier answers are kept.
   */
  all(record: ConsentRecord | null, value: boolean, options?: AllOptions): ConsentRecord
  /**
   * Deletes the record, its receipt and everything optional services declared, and asks the consent
   * log to erase the receipts of `record`. Returns the record left: none.
   */
  forget(record: ConsentRecord | null): null
  /**
   * The receipt of `record`: the one stored with it, or made on this page view; rebuilt from the
   * record alone where storage lost it.
   */
  receipt(record: ConsentRecord | null): Promise<Receipt | null>
  /** Resolves once the receipts of the decisions made so far are stored and handed to the consent log. */
  settled(): Promise<void>
}

const declared = (purposes: Purpose[], revoked: (key: string) => boolean) => {
  let found = { cookies: [] as string[], storage: [] as string[], indexedDB: [] as string[] }
  for (let p of purposes) {
    for (let s of p.services) {
      if (revoked(p.id + '/' + s.id)) {
        found.cookies.push(...s.cookies)
        found.storage.push(...s.storage)
        found.indexedDB.push(...s.indexedDB)
      }
    }
  }
  return found
}

/**
 * Validates `input` (throws `CandorConfigError`) and returns what writes decisions for it.
 *
 * @example
 * const writer = createWriter(config, { window, storage: () => localStorage, warn: console.warn, $consent, gpc: false, adapters: {}, announce() {} })
 * const record = writer.decide(null, { analytics: true }, 'api')
 */
export function createWriter(
  input: unknown,
  env: {
    window: Window & typeof globalThis
    storage: Opener
    warn: (message: string) => void
    $consent: ReadableAtom<ConsentState>
    /** Whether Global Privacy Control is honoured on this page view. */
    gpc: boolean
    /** The vendor adapters this page has, by name. */
    adapters: Vendors
    /**
     * Tells the site's other tabs that a decision was stored, even when storage is blocked (where
     * BroadcastChannel is missing, they hear of it from the storage event instead). The message is
     * empty: they read the decision from storage, which a message cannot spoof.
     */
    announce: () => void
  }
): Writer {
  let config = validate(input, env.warn)
  let win = env.window
  config.language = language(config, win)
  config.labels = labels(config.texts, config.language)
  for (let name in config.integrations) {
    if (!Object.hasOwn(env.adapters, name)) env.warn(`integrations.${name}: no adapter here; use candor-full.js or pass it to init()`)
  }
  let doc = win.document
  let loc = win.location
  let name = config.cookie.name
  let names = keys(name)
  let persistence = createPersistence(config.cookie, { document: doc, location: loc, storage: env.storage, now: Date.now }, config.purposes)
  let local = safeStorage(env.storage)
  let log =
    config.logEndpoint ?
    createLog(config.logEndpoint, { window: win, storage: local, key: names.log, now: Date.now, warn: env.warn }) : undefined
  let clean = (revoked: (key: string) => boolean): void =>
    erase(declared(config.purposes, revoked), {
      document: doc,
      location: loc,
      storages: [local, safeStorage(() => win.sessionStorage)],
      indexedDB: () => win.indexedDB
    })
  let wipe = (revoked: (key: string) => boolean): void => {
    clean(revoked)
    // Libraries save their state as the page goes (PostHog rewrites its cookie on pagehide). This
    // listener, added now, runs after theirs, added when they loaded, so what they wrote goes too,
    // unless the visitor granted the service again meanwhile.
    win.addEventListener('pagehide', () => clean(key => revoked(key) && !env.$consent.get().services[key]), { once: true })
  }
  let gpc = env.gpc
  // Hashed once, as the core did when it compared the stored decision's.
  let print = fingerprint(input)
  // The receipt of the latest decision made here, for when storage cannot keep it.
  let latest: Receipt | undefined
  // Receipts take turns, each after the digest of the text its visitor saw.
  let proof: Promise<void> = Promise.resolve()
  let write = (record: ConsentRecord | null, choices: Choices, method: Method, seen?: string): ConsentRecord => {
    let next = decide(config.purposes, record, choices, method, {
      now: Date.now(),
      language: config.language!,
      config: print,
      id: () => newId(win.crypto)
    })
    persistence.save(next)
    env.announce()
    // The decision does not wait for its receipt, so what the visitor granted starts on the click:
    // the receipt is made a task later, after the tags that the gate starts as the caller applies
    // the decision, and its digest is asynchronous (SubtleCrypto).
    proof = proof.then(() => new Promise(later => win.setTimeout(later))).then(async () => {
      let receipt = createReceipt(next, config.purposes, {
        textHash: seen ? await digest(win, seen) : null,
        gpc,
        url: loc.origin + loc.pathname
      })
      local.set(names.receipt, JSON.stringify((latest = receipt)))
      log?.send({ kind: 'receipt', key: receipt.id + '@' + receipt.timestamp, receipt }).catch(report)
    })
    return next
  }
  // Every decision, here or in another tab, is applied through this part, so it sees every revocation.
  env.$consent.listen((state, old) => {
    let revoked = (key: string): boolean => old!.services[key] && !state.services[key]
    if (Object.keys(old!.services).some(revoked)) {
      wipe(revoked)
      if (config.reloadOnRevoke) loc.reload()
    }
  })
  log?.flush().catch(report)
  return {
    config,
    async load() {
      let record = persistence.load()
      let { pending } = derive(config.purposes, record)
      let objected = config.purposes.filter(p => p.gpc && pending.includes(p.id))
      if (gpc && pending.length && objected.length == pending.length) {
        return write(record, Object.fromEntries(objected.map(p => [p.id, false])), 'gpc')
      }
      return record
    },
    settled: () => proof,
    async receipt(record) {
      await proof
      if (!record) return null
      let same = latest?.id === record.id && Date.parse(latest.timestamp) === record.updatedAt
      // Without storage (blocked, or full) and made on another page view: rebuilt from the record.
      return storedReceipt(env.storage, name, record) || (same ? latest! : createReceipt(record, config.purposes, LOST))
    },
    decide: write,
    all(record, value, { pending, seen } = {}) {
      let choices: Choices = {}
      let asked = derive(config.purposes, record).pending
      for (let p of config.purposes) {
        // Under Global Privacy Control, "accept all" leaves out what the signal objects to: it keeps
        // its answer, or is denied when it has none yet.
        if (p.required || (pending && !asked.includes(p.id)) || (value && p.gpc && gpc)) continue
        choices[p.id] = value
        if (value) for (let s of p.services) choices[p.id + '/' + s.id] = true
      }
      return write(record, choices, value ? 'accept-all' : 'reject-all', seen)
    },
    forget(record) {
      persistence.clear()
      local.remove(names.receipt)
      env.announce()
      wipe(key => !config.purposes.find(p => key.startsWith(p.id + '/'))?.required)
      if (record && log) {
        log.drop(record.id)
        // Right to erasure (GDPR Art. 17): the log is asked to delete what it holds of this consent id.
        log.send({ kind: 'delete', key: 'delete:' + record.id + '@' + Date.now(), id: record.id }).catch(report)
      }
      return null
    }
  }
}
