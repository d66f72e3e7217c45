// @ts-check
// The consent log in SQLite: receipts, and tombstones of erased consent ids.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

/** @typedef {import('./validate.js').Receipt} Receipt */

/**
 * A stored receipt: `seq` orders them by arrival.
 * @typedef {{ seq: number, receivedAt: string, key: string, receipt: Receipt }} Row
 */

/**
 * What became of a posted receipt: `stored` the first time; `duplicate` when its key, or another
 * key with the same receipt, was stored before; `reused` when its key came with another receipt;
 * `conflict` when another receipt of the same decision (id and timestamp) is stored; `erased`
 * when its consent id was erased after the decision was made.
 * @typedef {'stored' | 'duplicate' | 'reused' | 'conflict' | 'erased'} Outcome
 */

// Receipts hold the canonical JSON of the validated receipt, so that equal content is equal text.
// Tombstones and erasure keys hold SHA-256 hashes only: erasure must leave no consent id behind
// (GDPR Art. 17), and the client may build its keys from the id.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS receipts (
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  consent_id TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL,
  receipt TEXT NOT NULL,
  UNIQUE (consent_id, timestamp)
) STRICT;
CREATE TABLE IF NOT EXISTS tombstones (
  id_hash TEXT PRIMARY KEY,
  erased_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS erasure_keys (
  key_hash TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
`

/** @param {string} s */
const sha256 = s => createHash('sha256').update(s).digest('hex')

/** @param {{ seq: number, received_at: string, key: string, receipt: string }} r @returns {Row} */
const row = r => ({ seq: r.seq, receivedAt: r.received_at, key: r.key, receipt: JSON.parse(r.receipt) })

const COLUMNS = 'seq, received_at, key, receipt'

/**
 * Opens (and creates, with its folder) the consent log at `file`. Every statement is prepared;
 * each write runs in one transaction, so concurrent writers, even other processes, store a key
 * or a decision once.
 * @param {string} file
 * @example
 * const store = openStore('demo/receiver/data/receipts.db')
 * store.save('k1', receipt, new Date().toISOString()) // 'stored'
 * store.save('k1', receipt, new Date().toISOString()) // 'duplicate'
 * store.erase('k2', receipt.id, new Date().toISOString())
 * store.receipts(receipt.id, 10) // []
 * store.close()
 */
export function openStore(file) {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  // WAL lets the operator page read while receipts are written.
  db.pragma('journal_mode = WAL')
  // Erased receipts must not linger in free pages of the file (GDPR Art. 17: erasure, not unlinking).
  db.pragma('secure_delete = ON')
  db.exec(SCHEMA)

  const byKey = db.prepare('SELECT receipt FROM receipts WHERE key = ?').pluck()
  const byDecision = db.prepare('SELECT receipt FROM receipts WHERE consent_id = ? AND timestamp = ?').pluck()
  const tombstone = db.prepare('SELECT erased_at FROM tombstones WHERE id_hash = ?').pluck()
  const insert = db.prepare(
    'INSERT INTO receipts (key, consent_id, timestamp, received_at, receipt) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'
  )
  const addErasureKey = db.prepare('INSERT INTO erasure_keys (key_hash) VALUES (?) ON CONFLICT DO NOTHING')
  const deleteReceipts = db.prepare('DELETE FROM receipts WHERE consent_id = ?')
  // A clock set back must not move a tombstone back and let old receipts in again.
  const addTombstone = db.prepare(
    'INSERT INTO tombstones (id_hash, erased_at) VALUES (?, ?) ON CONFLICT DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)'
  )
  const ofId = db.prepare(`SELECT ${COLUMNS} FROM receipts WHERE consent_id = ? ORDER BY seq DESC LIMIT ?`)
  const before = db.prepare(`SELECT ${COLUMNS} FROM receipts WHERE seq < ? ORDER BY seq DESC LIMIT ?`)

  /** @param {string} id @returns {string | undefined} */
  const erasedAt = id => /** @type {string | undefined} */ (tombstone.get(sha256(id)))

  /**
   * Stores `receipt` under the idempotency `key`, received at `now` (ISO).
   * @type {(key: string, receipt: Receipt, now: string) => Outcome}
   */
  const save = db.transaction((key, receipt, now) => {
    let json = JSON.stringify(receipt)
    let known = byKey.get(key)
    if (known !== undefined) return known == json ? 'duplicate' : 'reused'
    let erased = erasedAt(receipt.id)
    if (erased !== undefined && receipt.timestamp <= erased) return 'erased'
    if (insert.run(key, receipt.id, receipt.timestamp, now, json).changes) return 'stored'
    return byDecision.get(receipt.id, receipt.timestamp) == json ? 'duplicate' : 'conflict'
  })

  /** @type {(key: string, id: string, now: string) => boolean} */
  const bury = db.transaction((key, id, now) => {
    // A deletion retried from the visitor's queue after a newer decision must not erase that one.
    if (!addErasureKey.run(sha256(key)).changes) return false
    deleteReceipts.run(id)
    addTombstone.run(sha256(id), now)
    return true
  })

  /**
   * Erases every receipt of `id` and leaves a tombstone dated `now` (ISO); false when `key` was
   * seen before, and then nothing changes.
   * @type {(key: string, id: string, now: string) => boolean}
   */
  const erase = (key, id, now) => {
    let erased = bury(key, id, now)
    // The write-ahead log still holds the pages as they were before the erasure until it is
    // checkpointed; truncating it leaves them nowhere.
    if (erased) db.pragma('wal_checkpoint(TRUNCATE)')
    return erased
  }

  return {
    save,
    erase,
    /**
     * The newest receipts of `id`, at most `limit`.
     * @param {string} id @param {number} limit
     * @returns {Row[]}
     */
    receipts: (id, limit) => /** @type {any[]} */ (ofId.all(id, limit)).map(row),
    /**
     * The newest receipts that arrived before `seq`, at most `limit`.
     * @param {number} seq @param {number} limit
     * @returns {Row[]}
     */
    latest: (seq, limit) => /** @type {any[]} */ (before.all(seq, limit)).map(row),
    /**
     * When `id` was last erased (ISO), or null.
     * @param {string} id
     */
    erasedAt: id => erasedAt(id) ?? null,
    close: () => db.close()
  }
}
