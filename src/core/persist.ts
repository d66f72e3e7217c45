import type { ConsentRecord, ValidConfig } from './types'
import type { SafeStorage } from './storage'
import { decode, encode } from './record'
import { deleteCookie, hostDomains, pathPrefixes, readCookies, writeCookie } from './cookie'

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
  storage: SafeStorage
  now: () => number
}

const grants = (r: ConsentRecord): number =>
  Object.keys(r.purposes).filter(k => r.purposes[k].granted).length - r.deniedServices.length

/** What `read` found: the winning record, its encoded value, and which copies need rewriting. */
export interface Found {
  record: ConsentRecord | null
  value: string
  /** 0: every copy agrees; 1: only the storage mirror differs; 2: the cookies differ too. */
  stale: 0 | 1 | 2
}

/**
 * Reads the decision without writing anything: the valid, fresh cookie copy with the fewest grants,
 * else a valid, fresh storage mirror. Page loads only read; rewriting stale copies is left to the
 * caller, so the core stays small and nothing is written on a plain page view.
 *
 * @example
 * const { record, stale } = read(config.cookie, { document, location, storage, now: Date.now })
 */
export function read(cookie: Pick<ValidConfig['cookie'], 'name' | 'expiresDays'>, env: Omit<PersistEnv, 'location'>): Found {
  const raw = readCookies(env.document, cookie.name)
  const stored = env.storage.get(cookie.name)
  const t = env.now()
  // A minute of tolerance for clock skew; decode guarantees decidedAt <= updatedAt.
  const fresh = (v: string | null): [string, ConsentRecord] | [] => {
    const r = decode(v)
    return r && r.updatedAt <= t + 6e4 && r.updatedAt + cookie.expiresDays * 864e5 >= t ? [v as string, r] : []
  }
  // Fail closed when copies disagree (another subdomain, a tampered or restored cookie): fewest grants win.
  const [value = '', record = null] =
    raw.map(fresh).filter(f => f[1]).sort(([, a], [, b]) => grants(a!) - grants(b!) || b!.updatedAt - a!.updatedAt)[0] || fresh(stored)
  return { record, value, stale: raw.length != 1 || raw[0] != value ? 2 : stored != value ? 1 : 0 }
}

/**
 * The cookie named `cookie.name` is authoritative and mirrored in storage under the same key, so a
 * decision survives where cookies are blocked, dropped or capped (Safari keeps script-written cookies 7 days).
 *
 * @example
 * const p = createPersistence(config.cookie, {
 *   document, location, storage: safeStorage(() => localStorage), now: Date.now
 * })
 * const record = p.load()
 */
export function createPersistence(cookie: ValidConfig['cookie'], env: PersistEnv): Persistence {
  const { name, path, domain } = cookie
  const { document: doc, location: loc, storage } = env
  const wipe = (): void =>
    deleteCookie(doc, name, [...hostDomains(loc.hostname), domain], [...pathPrefixes(loc.pathname), path])

  function save(r: ConsentRecord): boolean {
    const v = encode(r)
    if (!decode(v)) return false
    const host = loc.hostname
    const o = { path, sameSite: cookie.sameSite, secure: loc.protocol == 'https:', maxAge: cookie.expiresDays * 86400 }
    // Other variants would come back as disagreeing duplicates on the next load.
    wipe()
    // Browsers refuse a Domain the host is not inside, or a public suffix: then fall back to host-only.
    const kept =
      (!!domain && (host == domain || host.endsWith('.' + domain)) && writeCookie(doc, name, v, { ...o, domain })) ||
      writeCookie(doc, name, v, o)
    return storage.set(name, v) || kept
  }

  return {
    load() {
      const { record, value, stale } = read(cookie, env)
      // Rewrite only what differs: a full save expires every cookie variant first.
      if (record && stale) stale > 1 ? save(record) : storage.set(name, value)
      return record
    },
    save,
    clear() {
      wipe()
      storage.remove(name)
    }
  }
}
