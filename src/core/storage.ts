/**
 * Web Storage that never throws: on any failure reads give null or [] and writes give false.
 *
 * @example
 * const s: SafeStorage = safeStorage(() => localStorage)
 * if (!s.set('consent', value)) keepInMemoryOnly()
 */
export interface SafeStorage {
  get(key: string): string | null
  set(key: string, value: string): boolean
  remove(key: string): void
  keys(): string[]
}

/**
 * Opens a Storage on every use. Opening is a call because reading `window.localStorage` itself throws
 * a SecurityError in sandboxed iframes and when the visitor blocks site data.
 *
 * @example
 * const open: Opener = () => window.localStorage
 */
export type Opener = () => Storage | null | undefined

/**
 * One value of a Storage; null when it is missing or the storage cannot be opened or read. All the
 * core needs on a page view, so it does not carry the rest of `safeStorage`.
 *
 * @example
 * readStorage(() => localStorage, 'consent') // '1.…' | null
 */
export function readStorage(open: Opener, key: string): string | null {
  try {
    return open()?.getItem(key) ?? null
  } catch {
    return null
  }
}

/**
 * Wraps a Storage opened lazily on every call.
 *
 * @example
 * const local = safeStorage(() => window.localStorage)
 * local.set('consent', '1.…') // false instead of an exception
 */
export function safeStorage(open: Opener): SafeStorage {
  // `setItem` also throws QuotaExceededError when full (and in old Safari private windows).
  let run = <T>(f: (s: Storage) => T, fail: T): T => {
    try {
      let s = open()
      return s ? f(s) : fail
    } catch {
      return fail
    }
  }
  return {
    get: k => readStorage(open, k),
    set: (k, v) => run(s => (s.setItem(k, v), true), false),
    remove: k => run(s => s.removeItem(k), undefined),
    keys: () => run(s => Array.from({ length: s.length }, (_, i) => s.key(i)).filter((k): k is string => k != null), [])
  }
}

/**
 * A Storage kept in memory, lost when the page unloads.
 *
 * @example
 * const s = safeStorage(memoryStorage)
 */
export function memoryStorage(): Storage {
  let m = new Map<string, string>()
  return {
    get length() {
      return m.size
    },
    key: i => [...m.keys()][i] ?? null,
    getItem: k => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: k => void m.delete(k),
    clear: () => m.clear()
  }
}
