import { describe, expect, it } from 'vitest'
import { Window } from 'happy-dom'
import { cookieNames, deleteCookie, hostDomains, pathPrefixes, readCookies, writeCookie } from '../../src/core/cookie'
import type { CookieOptions } from '../../src/core/cookie'

const page = (url = 'https://a.shop.example/shop/item'): Document => new Window({ url }).document as unknown as Document
/** A document that shows a fixed cookie string and records every write. */
function recorder(cookie = ''): { doc: Document; writes: string[] } {
  const writes: string[] = []
  const doc = { get cookie() { return cookie }, set cookie(v: string) { writes.push(v) } }
  return { doc: doc as unknown as Document, writes }
}
const sandboxed = {
  get cookie(): string { throw new DOMException('The document is sandboxed', 'SecurityError') },
  set cookie(_: string) { throw new DOMException('The document is sandboxed', 'SecurityError') }
} as unknown as Document
// happy-dom keeps a Max-Age=0 cookie until the clock moves on; browsers drop it at once.
const tick = (): Promise<void> => new Promise(r => setTimeout(r, 5))
const opts: CookieOptions = { path: '/', sameSite: 'Lax', secure: true, maxAge: 3600 }

describe('readCookies', () => {
  it('returns every cookie of that name, host-only and domain-wide', () => {
    const doc = page()
    doc.cookie = 'consent=host; Path=/'
    doc.cookie = 'consent=wide; Domain=shop.example; Path=/'
    doc.cookie = 'consent2=no; Path=/'
    doc.cookie = 'xconsent=no; Path=/'
    expect(readCookies(doc, 'consent')).toEqual(['host', 'wide'])
  })

  it('keeps `=` inside values and ignores nameless cookies', () => {
    const { doc } = recorder('a=b=c; consent; consent=1.x;b=')
    expect(readCookies(doc, 'a')).toEqual(['b=c'])
    expect(readCookies(doc, 'consent')).toEqual(['1.x'])
    expect(readCookies(doc, 'b')).toEqual([''])
    expect(cookieNames(doc)).toEqual(['a', 'consent', 'b'])
  })

  it('trims spaces around names and values, also next to a nameless cookie', () => {
    const { doc } = recorder(' a = b ;  lone ; c=d\ne ')
    expect(readCookies(doc, 'a')).toEqual(['b'])
    expect(readCookies(doc, 'c')).toEqual(['d\ne'])
    expect(readCookies(doc, '')).toEqual(['lone'])
    expect(cookieNames(doc)).toEqual(['a', 'c'])
  })

  it('finds nothing when cookies cannot be read', () => {
    expect(readCookies(sandboxed, 'consent')).toEqual([])
    expect(cookieNames(sandboxed)).toEqual([])
    expect(cookieNames(recorder().doc)).toEqual([])
  })
})

describe('cookieNames', () => {
  it('lists each visible name once', () => {
    const doc = page()
    doc.cookie = '_pk_id.1.abc=1; Path=/'
    doc.cookie = '_pk_id.1.abc=2; Domain=shop.example; Path=/'
    doc.cookie = '_ga=3; Path=/'
    expect(cookieNames(doc)).toEqual(['_pk_id.1.abc', '_ga'])
  })
})

describe('writeCookie', () => {
  it('sends every attribute', () => {
    const { doc, writes } = recorder()
    writeCookie(doc, 'consent', 'v', { ...opts, domain: 'shop.example', sameSite: 'Strict', maxAge: 86400 })
    writeCookie(doc, 'consent', 'v', { ...opts, secure: false })
    expect(writes).toEqual([
      'consent=v; Path=/; Domain=shop.example; Max-Age=86400; SameSite=Strict; Secure',
      'consent=v; Path=/; Max-Age=3600; SameSite=Lax'
    ])
  })

  it('uses SameSite=Lax instead of None on insecure pages, where None would be refused', () => {
    const { doc, writes } = recorder()
    writeCookie(doc, 'c', 'v', { ...opts, sameSite: 'None', secure: false })
    writeCookie(doc, 'c', 'v', { ...opts, sameSite: 'None' })
    expect(writes).toEqual(['c=v; Path=/; Max-Age=3600; SameSite=Lax', 'c=v; Path=/; Max-Age=3600; SameSite=None; Secure'])
  })

  it('reads back what the browser kept under that name', () => {
    const doc = page()
    expect(writeCookie(doc, 'consent', 'v1', { ...opts, domain: 'shop.example' })).toEqual(['v1'])
    expect(writeCookie(doc, 'consent', 'v2', { ...opts, domain: 'other.example' })).toEqual(['v1'])
    expect(writeCookie(page('http://a.shop.example/'), 'consent', 'v', opts)).toEqual([])
  })

  it('reads back nothing instead of throwing when cookies are dropped or blocked', () => {
    expect(writeCookie(recorder().doc, 'consent', 'v', opts)).toEqual([])
    expect(writeCookie(sandboxed, 'consent', 'v', opts)).toEqual([])
  })
})

describe('deleteCookie', () => {
  it('expires the cookie in every domain and path combination', () => {
    const { doc, writes } = recorder()
    deleteCookie(doc, 'c', [undefined, 'shop.example'], ['/', '/shop'])
    expect(writes).toEqual([
      'c=; Path=/; Max-Age=0',
      'c=; Path=/shop; Max-Age=0',
      'c=; Path=/; Domain=shop.example; Max-Age=0',
      'c=; Path=/shop; Domain=shop.example; Max-Age=0'
    ])
  })

  it('marks deletions of __Secure- and __Host- cookies Secure, which browsers require', () => {
    const { doc, writes } = recorder()
    deleteCookie(doc, '__Host-sid', [undefined], ['/'])
    deleteCookie(doc, '__secure-x', [undefined], ['/'])
    expect(writes).toEqual(['__Host-sid=; Path=/; Max-Age=0; Secure', '__secure-x=; Path=/; Max-Age=0; Secure'])
  })

  it('removes host-only, domain-wide and path-scoped copies', async () => {
    const doc = page()
    doc.cookie = 'c=1; Path=/'
    doc.cookie = 'c=2; Domain=shop.example; Path=/'
    doc.cookie = 'c=3; Path=/shop'
    doc.cookie = 'keep=1; Path=/'
    deleteCookie(doc, 'c', hostDomains('a.shop.example'), pathPrefixes('/shop/item'))
    await tick()
    expect(doc.cookie).toBe('keep=1')
  })

  it('does not throw when cookies are blocked', () => {
    expect(() => deleteCookie(sandboxed, 'c', [undefined], ['/'])).not.toThrow()
  })
})

describe('hostDomains', () => {
  it('lists host-only, the host and every parent domain', () => {
    expect(hostDomains('a.b.shop.example')).toEqual([undefined, 'a.b.shop.example', 'b.shop.example', 'shop.example', 'example'])
    expect(hostDomains('intranet')).toEqual([undefined, 'intranet'])
  })

  it('has no parents for IP addresses and localhost', () => {
    expect(hostDomains('192.168.0.10')).toEqual([undefined, '192.168.0.10'])
    expect(hostDomains('[::1]')).toEqual([undefined, '[::1]'])
    expect(hostDomains('localhost')).toEqual([undefined, 'localhost'])
  })
})

describe('pathPrefixes', () => {
  it('lists every path a cookie visible here can have', () => {
    expect(pathPrefixes('/shop/item')).toEqual(['/', '/shop', '/shop/', '/shop/item'])
    expect(pathPrefixes('/shop/item/')).toEqual(['/', '/shop', '/shop/', '/shop/item', '/shop/item/'])
    expect(pathPrefixes('/')).toEqual(['/'])
    expect(pathPrefixes('')).toEqual(['/'])
  })

  it('stops at `;` so a crafted URL cannot add cookie attributes', () => {
    expect(pathPrefixes('/a;Max-Age=99/b')).toEqual(['/', '/a'])
  })
})
