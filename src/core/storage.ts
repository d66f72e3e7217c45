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
 * Wraps a Storage opened lazily on every call. Opening is a call because reading `window.localStorage`
 * itself throws a SecurityError in sandboxed iframes and when the visitor blocks site data, and
 * `setItem` throws QuotaExceededError when full (and in old Safari private windows).
 *
 * @example
 * const local = safeStorage(() => window.localStorage)
 * local.set('consent', '1.…') // false instead of an exception
 */
export function safeStorage(open: () => Storage | null | undefined): SafeStorage {
  const run = <T>(f: (s: Storage) => T, fail: T): T => {
    try {
      const s = open()
      return s ? f(s) : fail
    } catch {
      return fail
    }
  }
  return {
    get: k => run(s => s.getItem(k), null),
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
  const m = new Map<string, string>()
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
