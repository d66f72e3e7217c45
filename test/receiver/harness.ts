// Starts a real receiver on an ephemeral loopback port with a database in a fresh temp folder,
// for tests that speak HTTP to it.
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createReceiver } from '../../demo/receiver/server.js'
import type { Receipt } from '../../demo/receiver/validate.js'
import { createReceipt } from '../../src/core/receipt'
import { decide } from '../../src/core/state'
import type { Purpose } from '../../src/core/types'

export const SHOP = 'http://127.0.0.1:5173'
export const ID = 'q2Zr0w3pTnKxP1u8dVb-Ag'
export const OTHER = 'AAAAAAAAAAAAAAAAAAAAAA'
/** The receiver's clock: a day after the receipts below were made. */
export const NOW = Date.UTC(2026, 10, 24)

// The shop of the core's receipt tests, as far as receipts see it.
const purposes = [
  { id: 'necessary', required: true, version: 1, services: [] },
  { id: 'analytics', required: false, version: 3, services: [{ id: 'matomo' }] },
  { id: 'marketing', required: false, version: 1, services: [{ id: 'meta' }] }
] as unknown as Purpose[]

const env = (now: number) => ({ now, language: 'de', config: '1x2y3z', id: () => ID })
const first = decide(purposes, null, { analytics: false, marketing: false }, 'reject-all', env(Date.UTC(2026, 10, 1)))
const changed = decide(purposes, first, { analytics: true }, 'custom', env(Date.UTC(2026, 10, 23, 19, 45)))

/**
 * A receipt made by Candor's own code (a visitor who rejected all, then granted analytics), so
 * the receiver is tested against what the browser really sends; `over` replaces fields.
 */
export const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  ...(createReceipt(changed, purposes, { textHash: 'a'.repeat(64), gpc: false, url: 'http://127.0.0.1:5173/checkout' }) as Receipt),
  ...over
})

export const receiptMessage = (key: string, r: unknown = receipt()) => ({ kind: 'receipt', key, receipt: r })
export const deleteMessage = (key: string, id = ID) => ({ kind: 'delete', key, id })

export type Started = Awaited<ReturnType<typeof startReceiver>>

export async function startReceiver() {
  const dir = mkdtempSync(join(tmpdir(), 'candor-receiver-'))
  const file = join(dir, 'receipts.db')
  let clock = NOW
  const receiver = createReceiver({ file, allowOrigins: [SHOP], now: () => clock })
  await new Promise<void>(resolve => receiver.server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`

  /** Opens the database beside the receiver, as another process would. */
  const db = <T>(use: (db: Database.Database) => T): T => {
    const handle = new Database(file)
    try {
      return use(handle)
    } finally {
      handle.close()
    }
  }

  return {
    base,
    dir,
    file,
    db,
    setClock: (ms: number) => (clock = ms),
    post: (body: unknown, headers: Record<string, string> = {}) =>
      fetch(base + '/log', {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
        body: typeof body == 'string' || body instanceof Blob ? body : JSON.stringify(body)
      }),
    receiptsOf: async (id: string) => (await (await fetch(`${base}/receipts.json?id=${id}`)).json()).receipts as { key: string; receipt: Receipt }[],
    count: () => db(d => d.prepare('SELECT count(*) FROM receipts').pluck().get() as number),
    stop: async () => {
      await receiver.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
