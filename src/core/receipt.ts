import type { Scope } from './state'
import { derive } from './state'
import type { Opener } from './storage'
import { readStorage } from './storage'
import type { ConsentRecord, Receipt } from './types'

/**
 * The storage key of the receipt beside the record's mirror.
 *
 * @example
 * receiptKey('candor_consent') // 'candor_consent.receipt'
 */
export const receiptKey = (name: string): string => name + '.receipt'

const iso = (t: number): string => new Date(t).toISOString()

/**
 * The proof of a decision: what was decided, when, how, in which language, on which versions of
 * the purposes and on which config.
 *
 * @example
 * createReceipt(record, config.purposes).purposes // { necessary: true, analytics: false }
 */
export function createReceipt(record: ConsentRecord, purposes: Scope[]): Receipt {
  let { purposes: granted, services } = derive(purposes, record)
  let versions: Receipt['versions'] = {}
  for (let p of purposes) versions[p.id] = p.version
  let { id, method, language, config } = record
  return { id, decidedAt: iso(record.decidedAt), timestamp: iso(record.updatedAt), method, language, purposes: granted, services, versions, config }
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
    let r = JSON.parse(readStorage(open, receiptKey(name)) + '') as Receipt
    return r.id === record.id && r.timestamp === iso(record.updatedAt) ? r : null
  } catch {
    return null
  }
}
