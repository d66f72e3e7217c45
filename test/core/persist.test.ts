import { describe, expect, it } from 'vitest'
import { Window } from 'happy-dom'
import { createPersistence, read } from '../../src/core/persist'
import { encode } from '../../src/core/record'
import { readCookies } from '../../src/core/cookie'
import { memoryStorage, safeStorage } from '../../src/core/storage'
import type { Scope } from '../../src/core/state'
import type { Opener } from '../../src/core/storage'
import type { ConsentRecord, ValidConfig } from '../../src/core/types'

const NOW = 1_700_000_000_000
const DAY = 864e5
const URL = 'https://a.shop.example/shop/item'
const config: ValidConfig['cookie'] = { name: 'consent', domain: 'shop.example', path: '/', sameSite: 'Lax', expiresDays: 365 }
const purposes: Scope[] = [
  { id: 'analytics', required: false, version: 1, services: [] },
  { id: 'ads', required: false, version: 1, services: [{ id: 'meta' }] }
]

const record = (o: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  decidedAt: NOW - DAY,
  updatedAt: NOW - DAY,
  method: 'custom',
  language: 'de',
  config: 'abc',
  purposes: { analytics: { granted: true, version: 1 }, ads: { granted: true, version: 1 } },
  deniedServices: [],
  ...o
})
const acceptAll = record({ method: 'accept-all', updatedAt: NOW - 1000 })
const rejectAds = record({ purposes: { analytics: { granted: true, version: 1 }, ads: { granted: false, version: 1 } } })

// happy-dom keeps a Max-Age=0 cookie until the clock moves on; browsers drop it at once.
const tick = (): Promise<void> => new Promise(r => setTimeout(r, 5))

interface Setup { url?: string; cookie?: Partial<ValidConfig['cookie']>; doc?: Document; open?: Opener }

function setup(o: Setup = {}) {
  const w = new Window({ url: o.url ?? URL })
  const doc = o.doc ?? (w.document as unknown as Document)
  const open = o.open ?? ((): Storage => w.localStorage as unknown as Storage)
  const storage = safeStorage(open)
  const env = { document: doc, location: w.location as unknown as Location, storage: open, now: () => NOW }
  return { doc, storage, open, p: createPersistence({ ...config, ...o.cookie }, env, purposes) }
}

/** A one-cookie-per-name jar that records the exact strings written; `accept` decides what the "browser" keeps. */
function fakeDoc(accept: (write: string) => boolean = () => true): { doc: Document; writes: string[] } {
  const writes: string[] = []
  const jar = new Map<string, string>()
  const doc = {
    get cookie() { return [...jar].map(([n, v]) => `${n}=${v}`).join('; ') },
    set cookie(s: string) {
      writes.push(s)
      if (!accept(s)) return
      const [, n, v] = /^([^=]*)=([^;]*)/.exec(s)!
      if (s.includes('Max-Age=0')) jar.delete(n)
      else jar.set(n, v)
    }
  }
  return { doc: doc as unknown as Document, writes }
}

const blockedCookies = {
  get cookie(): string { throw new DOMException('sandboxed', 'SecurityError') },
  set cookie(_: string) { throw new DOMException('sandboxed', 'SecurityError') }
} as unknown as Document
const blockedStorage: Opener = () => { throw new DOMException('denied', 'SecurityError') }

describe('createPersistence', () => {
  it('saves to a domain-wide cookie and the storage mirror, and loads it back', async () => {
    const { doc, storage, p } = setup()
    expect(p.save(acceptAll)).toBe(true)
    await tick()
    expect(doc.cookie).toBe(`consent=${encode(acceptAll)}`)
    expect(storage.get('consent')).toBe(encode(acceptAll))
    expect(p.load()).toEqual(acceptAll)
  })

  it('writes Domain, Path, SameSite, Secure and Max-Age from the configuration', () => {
    const { doc, writes } = fakeDoc()
    setup({ doc, cookie: { path: '/shop', sameSite: 'Strict', expiresDays: 30 } }).p.save(acceptAll)
    expect(writes.at(-1)).toBe(`consent=${encode(acceptAll)}; Path=/shop; Domain=shop.example; Max-Age=2592000; SameSite=Strict; Secure`)
  })

  it('leaves out Secure on http pages and falls back from SameSite=None to Lax', () => {
    const { doc, writes } = fakeDoc()
    setup({ doc, url: 'http://a.shop.example/', cookie: { sameSite: 'None' } }).p.save(acceptAll)
    expect(writes.at(-1)).toBe(`consent=${encode(acceptAll)}; Path=/; Domain=shop.example; Max-Age=31536000; SameSite=Lax`)
  })

  it('ignores a configured domain the page is not on and writes a host-only cookie', () => {
    const { doc, writes } = fakeDoc()
    expect(setup({ doc, cookie: { domain: 'other.example' } }).p.save(acceptAll)).toBe(true)
    expect(writes.filter(w => !w.includes('Max-Age=0'))).toEqual([`consent=${encode(acceptAll)}; Path=/; Max-Age=31536000; SameSite=Lax; Secure`])
    expect(setup({ cookie: { domain: 'hop.example' } }).p.save(acceptAll)).toBe(true)
  })

  it('retries host-only when the browser refuses the domain, such as a public suffix', async () => {
    const { doc, writes } = fakeDoc(w => !w.includes('Domain=example'))
    expect(setup({ doc, cookie: { domain: 'example' } }).p.save(acceptAll)).toBe(true)
    expect(writes.filter(w => !w.includes('Max-Age=0')).map(w => /Domain=[^;]*/.exec(w)?.[0])).toEqual(['Domain=example', undefined])
    const real = setup({ cookie: { domain: 'example' } })
    expect(real.p.save(acceptAll)).toBe(true)
    await tick()
    expect(readCookies(real.doc, 'consent')).toEqual([encode(acceptAll)])
  })

  it('loads nothing and writes nothing on a first visit', () => {
    const { doc, writes } = fakeDoc()
    expect(setup({ doc }).p.load()).toBeNull()
    expect(writes).toEqual([])
  })

  it('lets the most restrictive of disagreeing cookies win and keeps only that one', async () => {
    const { doc, storage, p } = setup()
    doc.cookie = `consent=${encode(acceptAll)}; Path=/`
    doc.cookie = `consent=${encode(rejectAds)}; Domain=shop.example; Path=/shop`
    storage.set('consent', encode(acceptAll))
    expect(p.load()).toEqual(rejectAds)
    await tick()
    expect(readCookies(doc, 'consent')).toEqual([encode(rejectAds)])
    expect(storage.get('consent')).toBe(encode(rejectAds))
    expect(p.load()).toEqual(rejectAds)
  })

  it('counts a denied service as a withheld grant', () => {
    const { doc, p } = setup()
    const withoutMeta = record({ deniedServices: ['ads/meta'] })
    doc.cookie = `consent=${encode(acceptAll)}; Path=/`
    doc.cookie = `consent=${encode(withoutMeta)}; Path=/shop`
    expect(p.load()).toEqual(withoutMeta)
  })

  it('prefers the latest update among equally restrictive cookies', () => {
    const { doc, p } = setup()
    const older = record({ updatedAt: NOW - 2 * DAY, decidedAt: NOW - 2 * DAY })
    const newer = record({ method: 'api', updatedAt: NOW - 1000 })
    doc.cookie = `consent=${encode(newer)}; Path=/shop`
    doc.cookie = `consent=${encode(older)}; Path=/`
    expect(p.load()).toEqual(newer)
  })

  it('trusts the cookie over a disagreeing storage mirror and rewrites the mirror', () => {
    const { doc, storage, p } = setup()
    doc.cookie = `consent=${encode(acceptAll)}; Domain=shop.example; Path=/`
    storage.set('consent', encode(rejectAds))
    expect(p.load()).toEqual(acceptAll)
    expect(storage.get('consent')).toBe(encode(acceptAll))
  })

  it('leaves a consistent cookie alone when only the storage mirror is missing', () => {
    const { doc, writes } = fakeDoc()
    doc.cookie = `consent=${encode(rejectAds)}`
    writes.length = 0
    const { storage, p } = setup({ doc })
    expect(p.load()).toEqual(rejectAds)
    expect(writes).toEqual([])
    expect(storage.get('consent')).toBe(encode(rejectAds))
    expect(setup({ doc, open: blockedStorage }).p.load()).toEqual(rejectAds)
    expect(writes).toEqual([])
  })

  it('restores the cookie from the storage mirror when the cookie is gone', async () => {
    const { doc, storage, p } = setup()
    storage.set('consent', encode(rejectAds))
    expect(p.load()).toEqual(rejectAds)
    await tick()
    expect(readCookies(doc, 'consent')).toEqual([encode(rejectAds)])
  })

  it('replaces a damaged cookie with the storage mirror', async () => {
    const { doc, storage, p } = setup()
    doc.cookie = 'consent=1.garbage; Path=/'
    storage.set('consent', encode(rejectAds))
    expect(p.load()).toEqual(rejectAds)
    await tick()
    expect(readCookies(doc, 'consent')).toEqual([encode(rejectAds)])
  })

  it('ignores a record dated in the future, allowing a minute of clock skew', () => {
    const future = record({ decidedAt: NOW + 61_000, updatedAt: NOW + 61_000 })
    const skewed = record({ decidedAt: NOW + 30_000, updatedAt: NOW + 30_000 })
    const a = setup()
    a.doc.cookie = `consent=${encode(future)}; Path=/`
    a.storage.set('consent', encode(future))
    expect(a.p.load()).toBeNull()
    const b = setup()
    b.doc.cookie = `consent=${encode(future)}; Path=/`
    b.storage.set('consent', encode(skewed))
    expect(b.p.load()).toEqual(skewed)
  })

  it('ignores an expired record', () => {
    const old = record({ decidedAt: NOW - 400 * DAY, updatedAt: NOW - 366 * DAY })
    const { doc, storage, open, p } = setup()
    doc.cookie = `consent=${encode(old)}; Path=/`
    storage.set('consent', encode(old))
    expect(p.load()).toBeNull()
    expect(setup({ cookie: { expiresDays: 400 }, open }).p.load()).toEqual(old)
  })

  it('keeps the decision in storage when document.cookie throws', () => {
    const { storage, p } = setup({ doc: blockedCookies })
    expect(p.save(rejectAds)).toBe(true)
    expect(storage.get('consent')).toBe(encode(rejectAds))
    expect(p.load()).toEqual(rejectAds)
    expect(() => p.clear()).not.toThrow()
    expect(p.load()).toBeNull()
  })

  it('keeps the decision in the cookie when opening localStorage throws', () => {
    const { p } = setup({ open: blockedStorage })
    expect(p.save(rejectAds)).toBe(true)
    expect(p.load()).toEqual(rejectAds)
  })

  it('writes a lone cookie once, without expiring a dozen variants first', () => {
    const { doc, writes } = fakeDoc()
    expect(setup({ doc }).p.save(rejectAds)).toBe(true)
    expect(writes).toEqual([`consent=${encode(rejectAds)}; Path=/; Domain=shop.example; Max-Age=31536000; SameSite=Lax; Secure`])
  })

  it('removes a storage mirror it could not overwrite, so an older decision cannot come back from it', () => {
    const full = memoryStorage()
    full.setItem('consent', encode(acceptAll))
    full.setItem = () => { throw new DOMException('full', 'QuotaExceededError') }
    const { p } = setup({ open: () => full })
    expect(p.save(rejectAds)).toBe(true)
    expect(full.getItem('consent')).toBeNull()
  })

  it('keeps the decision in the cookie when localStorage is full', async () => {
    const full = memoryStorage()
    full.setItem = () => { throw new DOMException('full', 'QuotaExceededError') }
    const { doc, p } = setup({ open: () => full })
    expect(p.save(rejectAds)).toBe(true)
    await tick()
    expect(readCookies(doc, 'consent')).toEqual([encode(rejectAds)])
  })

  it('keeps the decision in storage when the browser silently drops the cookie', () => {
    const { doc } = fakeDoc(() => false)
    const { storage, p } = setup({ doc })
    expect(p.save(rejectAds)).toBe(true)
    expect(storage.get('consent')).toBe(encode(rejectAds))
    expect(p.load()).toEqual(rejectAds)
  })

  it('reports that nothing was kept when cookies and storage both fail', () => {
    const { p } = setup({ doc: blockedCookies, open: blockedStorage })
    expect(p.save(rejectAds)).toBe(false)
    expect(p.load()).toBeNull()
  })

  it('refuses to store a record it could not read back', () => {
    const { doc, writes } = fakeDoc()
    const { storage, p } = setup({ doc })
    expect(p.save(record({ language: 'en_US' }))).toBe(false)
    expect(writes).toEqual([])
    expect(storage.get('consent')).toBeNull()
  })

  it('clears every copy of the cookie and the storage mirror', async () => {
    const { doc, storage, p } = setup({ cookie: { path: '/blog' } })
    doc.cookie = `consent=${encode(acceptAll)}; Path=/`
    doc.cookie = `consent=${encode(acceptAll)}; Domain=shop.example; Path=/shop/`
    doc.cookie = 'other=1; Path=/'
    const { doc: fake, writes } = fakeDoc()
    setup({ doc: fake, cookie: { path: '/blog' } }).p.clear()
    expect(writes).toContain('consent=; Path=/blog; Domain=shop.example; Max-Age=0')
    p.save(acceptAll)
    p.clear()
    await tick()
    expect(doc.cookie).toBe('other=1')
    expect(storage.get('consent')).toBeNull()
    expect(p.load()).toBeNull()
  })
})

describe('read', () => {
  const mirror = (value: string | null): Opener => () => {
    const m = memoryStorage()
    if (value != null) m.setItem('consent', value)
    return m
  }

  it('says every copy agrees when the one cookie and the mirror hold the same decision', () => {
    const { doc } = fakeDoc()
    doc.cookie = `consent=${encode(rejectAds)}`
    expect(read(config, doc, mirror(encode(rejectAds)), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 0])
  })

  it('says only the mirror needs rewriting when it is missing or differs', () => {
    const { doc } = fakeDoc()
    doc.cookie = `consent=${encode(rejectAds)}`
    expect(read(config, doc, mirror(null), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 1])
    expect(read(config, doc, mirror(encode(acceptAll)), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 1])
    expect(read(config, doc, blockedStorage, NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 1])
  })

  it('says the cookies need rewriting when they are missing, damaged or disagree', () => {
    const empty = fakeDoc().doc
    expect(read(config, empty, mirror(encode(rejectAds)), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 2])
    const damaged = fakeDoc().doc
    damaged.cookie = 'consent=1.garbage'
    expect(read(config, damaged, mirror(encode(rejectAds)), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 2])
    const { doc } = setup()
    doc.cookie = `consent=${encode(acceptAll)}; Path=/`
    doc.cookie = `consent=${encode(rejectAds)}; Path=/shop`
    expect(read(config, doc, mirror(encode(rejectAds)), NOW, purposes)).toEqual([rejectAds, encode(rejectAds), 2])
  })

  it('finds nothing, without throwing, when cookies and storage are blocked', () => {
    expect(read(config, blockedCookies, blockedStorage, NOW, purposes)).toEqual([null, undefined, 2])
  })

  it('writes nothing, even when copies disagree', () => {
    const { doc, writes } = fakeDoc()
    doc.cookie = `consent=${encode(rejectAds)}`
    writes.length = 0
    const m = memoryStorage()
    m.setItem('consent', encode(acceptAll))
    read(config, doc, () => m, NOW, purposes)
    expect(writes).toEqual([])
    expect(m.getItem('consent')).toBe(encode(acceptAll))
  })
})
