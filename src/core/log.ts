import type { SafeStorage } from './storage'
import type { Receipt } from './types'

/** What is sent to `logEndpoint`: a receipt, or the request to erase every receipt of a consent id. */
export type Entry =
  | { kind: 'receipt'; key: string; receipt: Receipt }
  | { kind: 'delete'; key: string; id: string }

/** An entry waiting in storage: how often it failed and when it may be tried again. */
interface Queued {
  entry: Entry
  tries: number
  due: number
}

/** Sends entries to the consent log and keeps what could not be delivered. */
export interface Log {
  /** Queues an entry and tries to deliver everything that is due. */
  send(entry: Entry): Promise<void>
  /** Tries to deliver what is due from earlier page views. */
  flush(): Promise<void>
  /** Drops queued receipts of a consent id, which is being erased. */
  drop(id: string): void
}

/** At most this many entries wait; a full queue loses its oldest receipt, never a deletion request. */
export const MAX = 20
const TIMEOUT = 10_000
// 1 min, 2, 4, … capped at a day: an endpoint that is down is not hammered on every page view.
const backoff = (tries: number): number => Math.min(6e4 * 2 ** tries, 864e5)

/**
 * A consent log: POSTs each entry as JSON to `endpoint` (`fetch` with `keepalive`, so it survives
 * navigation; `sendBeacon` where `fetch` is missing), as `text/plain` so no CORS preflight is
 * needed. An entry that fails (offline, timeout, CORS, 5xx, 408, 429) waits in storage under `key`
 * and is retried with backoff on later page views; other 4xx answers drop it, since sending it
 * again would not help. Answers are never read: grants come only from the visitor.
 *
 * @example
 * const log = createLog('https://shop.example/consent-log', { window, storage, key: keys('candor_consent').log, now: Date.now, warn })
 * log.send({ kind: 'receipt', key: receipt.id + '@' + receipt.timestamp, receipt })
 */
export function createLog(
  endpoint: string,
  env: { window: Window & typeof globalThis; storage: SafeStorage; key: string; now: () => number; warn: (message: string) => void }
): Log {
  let win = env.window
  let memory: Queued[] | undefined
  let read = (): Queued[] => {
    try {
      let q = JSON.parse(env.storage.get(env.key) || '[]') as Queued[]
      return Array.isArray(q) ? q.filter(x => x && x.entry && typeof x.entry.key == 'string') : []
    } catch {
      return []
    }
  }
  let write = (q: Queued[]): void => {
    // Without storage the queue lives as long as the page.
    if (!q.length) env.storage.remove(env.key)
    else if (!env.storage.set(env.key, JSON.stringify(q))) memory = q
  }
  let load = (): Queued[] => memory || read()

  /** Resolves true when delivered or hopeless, false when it should be tried again. */
  let post = async (entry: Entry): Promise<boolean> => {
    let body = JSON.stringify(entry)
    if (!win.fetch) return !!win.navigator.sendBeacon?.(endpoint, body)
    let abort = new win.AbortController()
    let timer = win.setTimeout(() => abort.abort(), TIMEOUT)
    try {
      let res = await win.fetch(endpoint, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        keepalive: true,
        credentials: 'omit',
        signal: abort.signal
      })
      if (res.ok) return true
      let retry = res.status >= 500 || res.status == 408 || res.status == 429
      if (!retry) env.warn(`consent log: ${endpoint} refused an entry with ${res.status}, dropped`)
      return !retry
    } catch {
      return false
    } finally {
      win.clearTimeout(timer)
    }
  }

  let busy: Promise<void> | undefined
  let flush = (): Promise<void> =>
    (busy ||= (async () => {
      let now = env.now()
      for (let item of load().filter(x => x.due <= now)) {
        let done = await post(item.entry)
        // Re-read: another tab, or a send() meanwhile, may have changed the queue.
        let q = load().filter(x => x.entry.key != item.entry.key)
        if (!done) q.push({ ...item, tries: item.tries + 1, due: env.now() + backoff(item.tries) })
        write(q)
      }
    })().finally(() => (busy = undefined)))

  return {
    send(entry) {
      let q = load().filter(x => x.entry.key != entry.key)
      q.push({ entry, tries: 0, due: 0 })
      while (q.length > MAX) {
        let oldest = q.findIndex(x => x.entry.kind == 'receipt')
        q.splice(oldest < 0 ? 0 : oldest, 1)
      }
      write(q)
      return (busy || Promise.resolve()).then(flush)
    },
    flush,
    drop(id) {
      write(load().filter(x => x.entry.kind != 'receipt' || x.entry.receipt.id != id))
    }
  }
}
