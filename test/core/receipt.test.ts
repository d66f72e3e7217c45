import { describe, expect, it } from 'vitest'
import { keys } from '../../src/core/keys'
import { LOST, createReceipt, digest, storedReceipt } from '../../src/core/receipt'
import { memoryStorage } from '../../src/core/storage'
import type { ConsentRecord } from '../../src/core/types'

const purposes = [
  { id: 'necessary', required: true, version: 1, services: [] },
  { id: 'analytics', required: false, version: 3, services: [{ id: 'matomo' }] },
  { id: 'marketing', required: false, version: 1, services: [{ id: 'meta' }] }
]

const record: ConsentRecord = {
  id: 'q2Zr0w3pTnKxP1u8dVb-Ag',
  decidedAt: Date.UTC(2026, 10, 1),
  updatedAt: Date.UTC(2026, 10, 23, 19, 45),
  method: 'custom',
  language: 'de',
  config: '1x2y3z',
  purposes: { analytics: { granted: true, version: 3 }, marketing: { granted: false, version: 1 } },
  deniedServices: []
}

const holding = (value: string) => () => {
  const m = memoryStorage()
  m.setItem(keys('consent').receipt, value)
  return m
}

describe('createReceipt', () => {
  it('names the decision, its times, method, language, versions and config', () => {
    expect(createReceipt(record, purposes, { textHash: 'ab12', gpc: true, url: 'https://shop.example/kasse' })).toEqual({
      id: 'q2Zr0w3pTnKxP1u8dVb-Ag',
      decidedAt: '2026-11-01T00:00:00.000Z',
      timestamp: '2026-11-23T19:45:00.000Z',
      method: 'custom',
      language: 'de',
      purposes: { necessary: true, analytics: true, marketing: false },
      services: { 'analytics/matomo': true, 'marketing/meta': false },
      versions: { necessary: 1, analytics: 3, marketing: 1 },
      config: '1x2y3z',
      textHash: 'ab12',
      gpc: true,
      url: 'https://shop.example/kasse'
    })
  })
})

describe('storedReceipt', () => {
  const receipt = createReceipt(record, purposes, LOST)

  it('reads back the receipt of the stored decision', () => {
    expect(storedReceipt(holding(JSON.stringify(receipt)), 'consent', record)).toEqual(receipt)
  })

  it('ignores a receipt of another decision', () => {
    const later = { ...record, updatedAt: record.updatedAt + 1 }
    expect(storedReceipt(holding(JSON.stringify(receipt)), 'consent', later)).toBeNull()
    expect(storedReceipt(holding(JSON.stringify({ ...receipt, id: 'x'.repeat(22) })), 'consent', record)).toBeNull()
  })

  it('finds nothing in garbage, in an empty or a blocked storage', () => {
    for (const value of ['', '{', 'null', '42', '"text"', '[]', '{"id":1}']) {
      expect(storedReceipt(holding(value), 'consent', record)).toBeNull()
    }
    expect(storedReceipt(memoryStorage, 'consent', record)).toBeNull()
    expect(storedReceipt(() => { throw new DOMException('denied', 'SecurityError') }, 'consent', record)).toBeNull()
  })
})

describe('digest', () => {
  it('gives the hex SHA-256 of a text', async () => {
    expect(await digest(globalThis as unknown as Window, 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('gives null where Web Crypto is missing', async () => {
    expect(await digest({ crypto: {} } as unknown as Window, 'abc')).toBeNull()
  })
})
