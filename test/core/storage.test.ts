import { describe, expect, it } from 'vitest'
import { Window } from 'happy-dom'
import { memoryStorage, readStorage, safeStorage } from '../../src/core/storage'

const securityError = (): never => {
  throw new DOMException('The operation is insecure.', 'SecurityError')
}

describe('safeStorage', () => {
  it('reads, writes, lists and removes keys of a working storage', () => {
    const w = new Window({ url: 'https://shop.example/' })
    const s = safeStorage(() => w.localStorage as unknown as Storage)
    expect(s.get('consent')).toBeNull()
    expect(s.set('consent', 'v1')).toBe(true)
    expect(s.set('other', 'x')).toBe(true)
    expect(s.get('consent')).toBe('v1')
    expect(s.keys().sort()).toEqual(['consent', 'other'])
    s.remove('consent')
    expect(s.get('consent')).toBeNull()
    expect(s.keys()).toEqual(['other'])
  })

  it('acts as an empty storage that keeps nothing when opening localStorage throws SecurityError', () => {
    let opened = 0
    const s = safeStorage(() => (opened++, securityError()))
    expect(s.get('consent')).toBeNull()
    expect(s.set('consent', 'v1')).toBe(false)
    expect(() => s.remove('consent')).not.toThrow()
    expect(s.keys()).toEqual([])
    expect(opened).toBe(4)
  })

  it('acts as an empty storage when there is no storage at all', () => {
    for (const open of [() => null, () => undefined]) {
      const s = safeStorage(open)
      expect(s.get('a')).toBeNull()
      expect(s.set('a', 'b')).toBe(false)
      expect(s.keys()).toEqual([])
    }
  })

  it('reports a full storage once instead of throwing QuotaExceededError or retrying', () => {
    const inner = memoryStorage()
    let attempts = 0
    inner.setItem = () => {
      attempts++
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    }
    const s = safeStorage(() => inner)
    expect(s.set('consent', 'v1')).toBe(false)
    expect(attempts).toBe(1)
    expect(s.get('consent')).toBeNull()
  })

  it('survives every method of the storage throwing', () => {
    const broken = { get length(): number { return securityError() }, key: securityError, getItem: securityError, removeItem: securityError } as unknown as Storage
    const s = safeStorage(() => broken)
    expect(s.get('a')).toBeNull()
    expect(s.keys()).toEqual([])
    expect(() => s.remove('a')).not.toThrow()
  })
})

describe('readStorage', () => {
  it('reads one value, and null for a missing key', () => {
    const m = memoryStorage()
    m.setItem('consent', 'v1')
    expect(readStorage(() => m, 'consent')).toBe('v1')
    expect(readStorage(() => m, 'other')).toBeNull()
  })

  it('gives null instead of throwing when the storage cannot be opened or read', () => {
    expect(readStorage(securityError, 'consent')).toBeNull()
    expect(readStorage(() => null, 'consent')).toBeNull()
    expect(readStorage(() => undefined, 'consent')).toBeNull()
    expect(readStorage(() => ({ getItem: securityError }) as unknown as Storage, 'consent')).toBeNull()
  })
})

describe('memoryStorage', () => {
  it('behaves like Web Storage while the page lives', () => {
    const m = memoryStorage()
    m.setItem('a', '1')
    m.setItem('b', 2 as unknown as string)
    m.setItem('a', '3')
    expect(m.length).toBe(2)
    expect(m.getItem('a')).toBe('3')
    expect(m.getItem('b')).toBe('2')
    expect(m.getItem('c')).toBeNull()
    expect([m.key(0), m.key(1), m.key(2)]).toEqual(['a', 'b', null])
    m.removeItem('a')
    expect(m.getItem('a')).toBeNull()
    m.clear()
    expect(m.length).toBe(0)
  })

  it('gives each caller its own storage', () => {
    memoryStorage().setItem('a', '1')
    expect(memoryStorage().getItem('a')).toBeNull()
  })
})
