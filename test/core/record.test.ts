import { describe, expect, it } from 'vitest'
import { decode, encode, newId, parse } from '../../src/core/record'
import type { ConsentRecord } from '../../src/core/types'

const ID = 'q2Zr0w3pTnKxP1u8dVb-Ag'
const base: ConsentRecord = {
  id: ID,
  decidedAt: 1_700_000_000_000,
  updatedAt: 1_700_000_500_000,
  method: 'custom',
  language: 'de-DE',
  config: 'k3x9a',
  purposes: { necessary: { granted: true, version: 1 }, analytics: { granted: false, version: 3 }, ads_2: { granted: true, version: 40 } },
  deniedServices: ['ads_2/google-ads', 'ads_2/meta']
}

/** Tiny seeded PRNG (mulberry32) so fuzz failures reproduce. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/
const PURPOSE_ID = /^[a-z][a-z0-9_-]*$/

function expectShape(r: ConsentRecord): void {
  expect(Object.keys(r).sort()).toEqual(['config', 'decidedAt', 'deniedServices', 'id', 'language', 'method', 'purposes', 'updatedAt'])
  expect(r.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
  for (const t of [r.decidedAt, r.updatedAt]) expect(Number.isSafeInteger(t) && t >= 0).toBe(true)
  expect(r.updatedAt).toBeGreaterThanOrEqual(r.decidedAt)
  expect(['accept-all', 'reject-all', 'custom', 'api']).toContain(r.method)
  expect(r.language).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
  expect(Object.getPrototypeOf(r.purposes)).toBe(null)
  for (const [id, p] of Object.entries(r.purposes)) {
    expect(id).toMatch(PURPOSE_ID)
    expect(Object.keys(p).sort()).toEqual(['granted', 'version'])
    expect(typeof p.granted).toBe('boolean')
    expect(Number.isSafeInteger(p.version) && p.version >= 1).toBe(true)
  }
  expect(new Set(r.deniedServices).size).toBe(r.deniedServices.length)
  for (const s of r.deniedServices) expect(s).toMatch(/^[a-z][a-z0-9_-]*\/[a-z][a-z0-9_-]*$/)
}

describe('encode / decode', () => {
  it('round-trips varied records', () => {
    const records: ConsentRecord[] = [
      base,
      { ...base, method: 'accept-all', language: 'en', purposes: {}, deniedServices: [] },
      { ...base, method: 'reject-all', decidedAt: 0, updatedAt: 0, purposes: { a: { granted: false, version: 1 } } },
      { ...base, method: 'api', language: 'gsw-CH-x1', deniedServices: ['a/b'], updatedAt: 3_656_158_440_062_975 },
      { ...base, id: newId(crypto), purposes: { constructor: { granted: true, version: 2 }, 'x-y': { granted: true, version: 1 } } }
    ]
    for (const r of records) {
      const v = encode(r)
      expect(v).toMatch(COOKIE_OCTETS)
      expect(decode(v)).toEqual(r)
      expect(encode(decode(v)!)).toBe(v)
    }
  })

  it('writes the documented compact format', () => {
    expect(encode(base)).toBe(
      '2.q2Zr0w3pTnKxP1u8dVb-Ag.loyw3v28.loywekv4.c.de-DE.k3x9a.necessary:1:1~analytics:3:0~ads_2:14:1.ads_2/google-ads~ads_2/meta.'
    )
  })

  it.each([
    ['another format version', (v: string) => v.replace(/^2\./, '3.')],
    ['the format version before the closing dot', (v: string) => v.replace(/^2\./, '1.').slice(0, -1)],
    ['a value cut short', (v: string) => v.slice(0, -1)],
    ['a missing field', (v: string) => v.slice(0, v.lastIndexOf('.', v.length - 2)) + '.'],
    ['an extra field', (v: string) => v + '.x'],
    ['a short id', (v: string) => v.replace(ID, ID.slice(1))],
    ['an id with foreign characters', (v: string) => v.replace(ID, ID.slice(1) + '+')],
    ['a number with a leading zero', (v: string) => v.replace('.loyw3v28.', '.0loyw3v28.')],
    ['an upper-case number', (v: string) => v.replace('.loyw3v28.', '.LOYW3V28.')],
    ['a number too long to be exact', (v: string) => v.replace('.loyw3v28.', '.1000000000000.')],
    ['an update before the decision', (v: string) => v.replace('.loyw3v28.loywekv4.', '.loywekv4.loyw3v28.')],
    ['an unknown method', (v: string) => v.replace('.c.', '.x.')],
    ['a malformed language', (v: string) => v.replace('.de-DE.', '.de_DE.')],
    ['a purpose answered twice', (v: string) => v.replace('necessary:1:1', 'necessary:1:1~necessary:1:0')],
    ['a purpose version 0', (v: string) => v.replace('analytics:3:0', 'analytics:0:0')],
    ['a non-binary answer', (v: string) => v.replace('analytics:3:0', 'analytics:3:2')],
    ['a purpose id that is not allowed', (v: string) => v.replace('analytics:3:0', '__proto__:3:0')],
    ['an empty list entry', (v: string) => v.replace('analytics:3:0', 'analytics:3:0~')],
    ['an empty first list entry', (v: string) => v.replace('.necessary', '.~necessary')],
    ['an empty last denied entry', (v: string) => v.replace(/\.$/, '~.')],
    ['list entries without a separator', (v: string) => v.replace('necessary:1:1~', 'necessary:1:1')],
    ['a service denied twice', (v: string) => v.replace(/\.$/, '~ads_2/meta.')],
    ['a service key without purpose', (v: string) => v.replace(/\.$/, '~meta.')],
    ['padding beyond 2000 characters', (v: string) => v.replace(/\.$/, '~a/b'.repeat(500) + '.')]
  ])('rejects %s', (_, mutate) => {
    expect(decode(encode(base))).not.toBeNull()
    expect(decode(mutate(encode(base)))).toBeNull()
  })

  it('rejects values that are not strings', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('touched') } })
    for (const v of [null, undefined, 1, true, {}, [], Symbol('x'), new String(encode(base)), hostile, () => encode(base)]) {
      expect(decode(v)).toBeNull()
    }
  })

  it('keeps purpose ids such as constructor from reaching Object.prototype', () => {
    const r = decode(encode({ ...base, purposes: { constructor: { granted: true, version: 1 } } }))!
    expect(r.purposes.constructor).toEqual({ granted: true, version: 1 })
    expect(({} as { granted?: unknown }).granted).toBeUndefined()
    expect(decode('2.' + ID + '.0.0.a.en.constructor:1:1~constructor:1:1..')).toBeNull()
  })
})

describe('decode fuzzing', () => {
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:~/-_ ;,"\\%=\u0000\u00e9\ud83c'

  it('never throws and never accepts random strings', () => {
    const rnd = prng(1)
    const pick = (s: string): string => s[Math.floor(rnd() * s.length)]
    for (let i = 0; i < 6000; i++) {
      const len = Math.floor(rnd() * (i % 10 == 0 ? 3000 : 200))
      let s = rnd() < 0.5 ? '2.' : ''
      while (s.length < len) s += pick(ALPHABET)
      expect(decode(s)).toBeNull()
    }
  })

  it('never throws on mutated records and only returns well-formed ones', () => {
    const rnd = prng(2)
    const int = (n: number): number => Math.floor(rnd() * n)
    const pick = (s: string): string => s[int(s.length)]
    const mutations: ((v: string) => string)[] = [
      v => { const i = int(v.length); return v.slice(0, i) + pick(ALPHABET) + v.slice(i + 1) },
      v => { const i = int(v.length + 1); return v.slice(0, i) + pick(ALPHABET) + v.slice(i) },
      v => { const i = int(v.length); return v.slice(0, i) + v.slice(i + 1) },
      v => v.slice(0, int(v.length)),
      v => { const i = int(v.length); return v.slice(0, i) + '%' + v.charCodeAt(i).toString(16).toUpperCase() + v.slice(i + 1) },
      v => v.replace(/[.:~/]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
      v => { const f = v.split('.'); f.splice(int(f.length), 0, f[int(f.length)]); return f.join('.') },
      v => { const f = v.split('~'); f.splice(int(f.length), 0, f[int(f.length)]); return f.join('~') },
      v => v.replace(/:[01](?=~|\.)/, m => (m == ':1' ? ':0' : ':1'))
    ]
    const seeds = [base, { ...base, purposes: {}, deniedServices: [] }, { ...base, purposes: { a: { granted: true, version: 1 } }, deniedServices: ['a/b'] }]
    let accepted = 0
    for (let i = 0; i < 6000; i++) {
      let v = encode(seeds[i % seeds.length])
      for (let k = 1 + int(3); k > 0; k--) v = mutations[int(mutations.length)](v)
      const r = decode(v)
      if (!r) continue
      accepted++
      expectShape(r)
      expect(encode(r)).toMatch(COOKIE_OCTETS)
      expect(decode(encode(r))).toEqual(r)
    }
    expect(accepted).toBeGreaterThan(100)
  })
})

describe('parse', () => {
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:~/-_ ;,"\\%=\u0000'

  it('reads every value encode writes as decode does', () => {
    for (const r of [base, { ...base, purposes: {}, deniedServices: [] }, { ...base, method: 'gpc' as const }]) {
      expect(parse(encode(r))).toEqual(decode(encode(r)))
    }
  })

  it('refuses what could break a page view: wrong version or field count, a bad id, times that are not numbers in order', () => {
    const v = encode(base)
    const f = v.split('.')
    const broken = [
      '1' + v.slice(1),
      '3' + v.slice(1),
      v + '.x',
      f.slice(0, 8).join('.'),
      f.slice(0, 9).join('.'),
      v.replace(ID, 'short'),
      v.replace(ID, '<script>alert(1)</x>'),
      [...f.slice(0, 2), '!!', ...f.slice(3)].join('.'),
      [...f.slice(0, 2), f[3], f[2], ...f.slice(4)].join('.'),
      [...f.slice(0, 2), (1e6).toString(36), '1', ...f.slice(4)].join('.')
    ]
    for (const b of broken) expect(parse(b)).toBeNull()
  })

  it('never throws, and grants only what the value answers with exactly 1', () => {
    const rnd = prng(3)
    const int = (n: number): number => Math.floor(rnd() * n)
    let read = 0
    for (let i = 0; i < 20000; i++) {
      let v = encode(base)
      for (let k = 1 + int(4); k > 0; k--) {
        const at = int(v.length + 1)
        v = v.slice(0, at) + (rnd() < 0.5 ? ALPHABET[int(ALPHABET.length)] : '') + v.slice(at + int(3))
      }
      const r = parse(v)
      if (!r) continue
      read++
      const answers = v.split('.')[7].split('~').map(e => e.split(':'))
      for (const [id, a] of Object.entries(r.purposes)) {
        // The last answer to a purpose counts; it grants only when it says exactly 1.
        if (a.granted) expect(answers.filter(e => e[0] == id).pop()![2]).toBe('1')
      }
    }
    expect(read).toBeGreaterThan(1000)
  })
})

describe('newId', () => {
  it('makes 22 base64url characters from 16 random bytes', () => {
    const fixed = (b: number): Crypto => ({ getRandomValues: <T extends ArrayBufferView>(a: T) => ((a as unknown as Uint8Array).fill(b), a) }) as Crypto
    expect(newId(fixed(0))).toBe('AAAAAAAAAAAAAAAAAAAAAA')
    expect(newId(fixed(0xfb))).toBe('-_v7-_v7-_v7-_v7-_v7-w')
    const ids = new Set(Array.from({ length: 100 }, () => newId(crypto)))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(decode(encode({ ...base, id }))?.id).toBe(id)
  })
})
