import type { SafeStorage } from './storage'
import { cookieNames, deleteCookie, hostDomains, pathPrefixes } from './cookie'

/**
 * Whether `name` matches `pattern`, where `*` matches any run of characters. Iterative with one
 * backtrack point, so `a*a*a*a*b` stays O(pattern × name) instead of exponential.
 *
 * @example
 * glob('_pk_id.*', '_pk_id.1.1fff') // true
 */
export function glob(pattern: string, name: string): boolean {
  let p = 0
  let n = 0
  let star = -1
  let from = 0
  while (n < name.length) {
    if (pattern[p] == '*') {
      star = p++
      from = n
    } else if (p < pattern.length && pattern[p] == name[n]) {
      p++
      n++
    } else if (star < 0) {
      return false
    } else {
      p = star + 1
      n = ++from
    }
  }
  while (pattern[p] == '*') p++
  return p == pattern.length
}

/**
 * Removes what services left behind after consent is withdrawn: matching cookies in every Domain and
 * Path that can hold them here, matching keys in the given storages and matching IndexedDB
 * databases. Third-party and `HttpOnly` cookies are out of a page's reach, and wildcard cookies
 * scoped to other paths are not visible here. A database a running library still holds open is
 * deleted once the library lets go of it, at the latest when the page is left.
 *
 * @example
 * erase({ cookies: ['_pk_id.*', '_pk_ses.*'], storage: ['matomo_*'] },
 *   { document, location, storages: [safeStorage(() => localStorage), safeStorage(() => sessionStorage)] })
 */
export function erase(
  patterns: { cookies: string[]; storage: string[]; indexedDB?: string[] },
  env: { document: Document; location: Location; storages: SafeStorage[]; indexedDB?: () => IDBFactory }
): void {
  const { document: doc, location: loc } = env
  const hit = (list: string[], name: string): boolean => list.some(p => glob(p, name))
  const domains = hostDomains(loc.hostname)
  const paths = pathPrefixes(loc.pathname)
  // Exact names need no lookup, so they are expired even when `document.cookie` cannot be read.
  const names = new Set([...patterns.cookies.filter(p => !p.includes('*')), ...cookieNames(doc).filter(n => hit(patterns.cookies, n))])
  names.forEach(n => deleteCookie(doc, n, domains, paths))
  for (const s of env.storages) for (const k of s.keys()) if (hit(patterns.storage, k)) s.remove(k)
  const dbs = patterns.indexedDB ?? []
  if (!dbs.length || !env.indexedDB) return
  try {
    const idb = env.indexedDB()
    dbs.filter(p => !p.includes('*')).forEach(n => idb.deleteDatabase(n))
    // databases() came late to Firefox (126); without it only exact names can be deleted.
    idb.databases?.().then(
      list => list.forEach(d => d.name && !dbs.includes(d.name) && hit(dbs, d.name) && idb.deleteDatabase(d.name)),
      () => {}
    )
  } catch {
    // Opaque origins and some private modes refuse IndexedDB outright: then nothing is stored there.
  }
}
