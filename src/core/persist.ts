import type { ConsentRecord, ValidConfig } from './types'
import type { Opener } from './storage'
import { readStorage, safeStorage } from './storage'
import { decode, encode, parse } from './record'
import { deleteCookie, hostDomains, pathPrefixes, readCookies, writeCookie } from './cookie'
import { derive } from './state'
import type { Scope } from './state'

/**
 * Loads and stores the visitor's decision.
 *
 * @example
 * const p: Persistence = createPersistence(config.cookie, env)
 * p.save(record) || console.warn('consent only kept for this page view')
 */
export interface Persistence {
  load(): ConsentRecord | null
  /** True if the cookie or the storage mirror holds the record. */
  save(record: ConsentRecord): boolean
  clear(): void
}

/** Everything persistence touches, passed in so tests and sandboxed pages can substitute it. */
export interface PersistEnv {
  document: Document
  location: Location
  /** Opens the Storage that mirrors the cookie. */
  storage: Opener
  now: () => number
}

/**
 * What `read` found: the winning record, its encoded value (undefined when none), and which copies
 * need rewriting; `stale` is 0 when every copy agrees, 1 when only the storage mirror differs, 2 when
 * the cookies differ too.
 */
export type Found = [record: ConsentRecord | null, value: string | undefined, stale: 0 | 1 | 2]

type Lifetime = Pick<ValidConfig['cookie'], 'name' | 'expiresDays'>

// A minute of tolerance for clock skew; both readers guarantee decidedAt <= updatedAt.
const fresh = (read: typeof decode, v: string | null | undefined, cookie: Lifetime, now: number): ConsentRecord | null => {
  let r = read(v)
  return r && r.updatedAt <= now + 6e4 && r.updatedAt + cookie.expiresDays * 864e5 >= now ? r : null
}

/**
 * The stored decision when a page view can apply it on its own: exactly one cookie, equal to its
 * storage mirror, fresh, and read by the lenient `parse` (the caller also requires the record's
 * config fingerprint to match). Anything else (no mirror, duplicates, disagreeing copies) is
 * null here and left to `read` in the lazily loaded part, which also rewrites a stale mirror;
 * nothing is granted meanwhile. This keeps the resolution of disagreements out of the core that
 * runs on every page view.
 *
 * @example
 * const record = peek(config.cookie, document, () => localStorage, Date.now())
 */
export function peek(cookie: Lifetime, doc: Document, open: Opener, now: number): ConsentRecord | null {
  let [value, other] = readCookies(doc, cookie.name)
  // Without a cookie there is nothing to compare, and opening localStorage is a synchronous round
  // trip to the browser process while the page's parser waits for this script.
  return value !== undefined && other === undefined && value === readStorage(open, cookie.name) ? fresh(parse, value, cookie, now) : null
}

// What a copy grants on the page's purposes: an entry for a purpose or service the config does not
// have (a hand-edited one, or another site's) weighs nothing, so padding cannot pass a granting
// copy off as the restrictive one.
const grants = (purposes: Scope[], r: ConsentRecord): number => {
  let s = derive(purposes, r)
  return [...Object.values(s.purposes), ...Object.values(s.services)].filter(Boolean).length
}

/**
 * Reads the decision without writing anything: the valid, fresh cookie copy that grants the fewest
 * of `purposes` and their services, else a valid, fresh storage mirror. Page loads only read;
 * rewriting stale copies is left to the caller, so the core stays small and nothing is written on
 * a plain page view.
 *
 * @example
 * const [record, , stale] = read(config.cookie, document, () => localStorage, Date.now(), config.purposes)
 */
export function read(cookie: Lifetime, doc: Document, open: Opener, now: number, purposes: Scope[]): Found {
  let raw = readCookies(doc, cookie.name)
  let stored = readStorage(open, cookie.name)
  let valid = (v: string | null): [string, ConsentRecord] | [] => {
    let r = fresh(decode, v, cookie, now)
    return r ? [v as string, r] : []
  }
  // Fail closed when copies disagree (another subdomain, a tampered or restored cookie): fewest grants win.
  let [value, record = null] =
    raw.map(valid).filter(f => f[1]).sort(([, a], [, b]) => grants(purposes, a!) - grants(purposes, b!) || b!.updatedAt - a!.updatedAt)[0] || valid(stored)
  let stale: 0 | 1 | 2 = raw.length != 1 || raw[0] != value ? 2 : stored != value ? 1 : 0
  return [record, value, stale]
}

/**
 * The cookie named `cookie.name` is authoritative and mirrored in storage under the same key, so a
 * decision survives where cookies are blocked, dropped or capped (Safari keeps script-written cookies 7 days).
 * `purposes` weigh disagreeing cookies (see `read`).
 *
 * @example
 * const p = createPersistence(config.cookie, {
 *   document, location, storage: () => localStorage, now: Date.now
 * }, config.purposes)
 * const record = p.load()
 */
export function createPersistence(cookie: ValidConfig['cookie'], env: PersistEnv, purposes: Scope[]): Persistence {
  let { name, path, domain } = cookie
  let { document: doc, location: loc } = env
  let storage = safeStorage(env.storage)
  let wipe = (): void =>
    deleteCookie(doc, name, [...hostDomains(loc.hostname), domain], [...pathPrefixes(loc.pathname), path])

  function save(r: ConsentRecord): boolean {
    let v = encode(r)
    if (!decode(v)) return false
    let host = loc.hostname
    let o = { path, sameSite: cookie.sameSite, secure: loc.protocol == 'https:', maxAge: cookie.expiresDays * 86400 }
    // Browsers refuse a Domain the host is not inside, or a public suffix: then fall back to host-only.
    let put = (): string[] => {
      let wide = domain && (host == domain || host.endsWith('.' + domain)) ? writeCookie(doc, name, v, { ...o, domain }) : []
      return wide.includes(v) ? wide : writeCookie(doc, name, v, o)
    }
    let seen = put()
    // Another variant (an older Domain or Path, a parent domain's) would come back as a disagreeing
    // duplicate on the next load; expiring every variant costs a dozen cookie writes, so only then.
    if (seen.length > 1) {
      wipe()
      seen = put()
    }
    let kept = seen.includes(v)
    // A mirror left behind by a failed write (storage full) would restore an older decision once
    // the cookie is gone, so it goes now.
    return storage.set(name, v) || (storage.remove(name), kept)
  }

  return {
    load() {
      let [record, value, stale] = read(cookie, doc, env.storage, env.now(), purposes)
      // Rewrite only what differs: a save over duplicates expires every cookie variant.
      if (record && stale) stale > 1 ? save(record) : storage.set(name, value!)
      return record
    },
    save,
    clear() {
      wipe()
      storage.remove(name)
    }
  }
}
