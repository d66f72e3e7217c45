import type { Scope } from './state'
import { derive } from './state'
import type { Opener } from './storage'
import { readStorage } from './storage'
import { keys } from './keys'
import type { ConsentRecord, Receipt } from './types'

const iso = (t: number): string => new Date(t).toISOString()

/** What only the moment of a decision knows, so a receipt rebuilt later from the record lacks it. */
export type Context = Pick<Receipt, 'textHash' | 'gpc' | 'url'>

/**
 * The context of a receipt rebuilt from the record alone (storage lost the one made with the decision).
 *
 * @example
 * createReceipt(record, purposes, LOST).gpc // null
 */
export const LOST: Context = { textHash: null, gpc: null, url: null }

/**
 * The proof of a decision: what was decided, when, how, in which language, on which versions of
 * the purposes and on which config, with the hash of the text the visitor saw, whether the
 * browser sent Global Privacy Control, and the page (without query string, which may hold personal data).
 *
 * @example
 * createReceipt(record, config.purposes, { textHash: null, gpc: false, url: 'https://shop.example/' }).purposes // { necessary: true, analytics: false }
 */
export function createReceipt(record: ConsentRecord, purposes: Scope[], context: Context): Receipt {
  let { purposes: granted, services } = derive(purposes, record)
  let versions: Receipt['versions'] = {}
  for (let p of purposes) versions[p.id] = p.version
  let { id, method, language, config } = record
  return {
    id, decidedAt: iso(record.decidedAt), timestamp: iso(record.updatedAt), method, language,
    purposes: granted, services, versions, config, ...context
  }
}

/**
 * The SHA-256 of a text as hex, or null where Web Crypto is missing (pages not served securely).
 *
 * @example
 * await digest(window, 'Wir verwenden Cookies …') // '9f86d081884c7d65…'
 */
export async function digest(win: Window, text: string): Promise<string | null> {
  let subtle = win.crypto?.subtle
  if (!subtle) return null
  let bytes = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The stored receipt of `record`, or null when storage holds none, garbage, or one of another
 * decision. Read on page views that do not load the lazy part, so `receipt()` stays synchronous.
 *
 * @example
 * storedReceipt(() => localStorage, 'candor_consent', record)?.id === record.id // true
 */
export function storedReceipt(open: Opener, name: string, record: ConsentRecord): Receipt | null {
  try {
    // A missing one parses as null, whose `.id` throws like garbage does.
    let r = JSON.parse(readStorage(open, keys(name).receipt) + '') as Receipt
    return r.id === record.id && Date.parse(r.timestamp) === record.updatedAt ? r : null
  } catch {
    return null
  }
}
