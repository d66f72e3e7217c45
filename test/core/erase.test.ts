import { describe, expect, it } from 'vitest'
import { Window } from 'happy-dom'
import { erase, glob } from '../../src/core/erase'
import { memoryStorage, safeStorage } from '../../src/core/storage'

// happy-dom keeps a Max-Age=0 cookie until the clock moves on; browsers drop it at once.
const tick = (): Promise<void> => new Promise(r => setTimeout(r, 5))

function page() {
  const w = new Window({ url: 'https://a.shop.example/shop/item' })
  const doc = w.document as unknown as Document
  const local = safeStorage(() => w.localStorage as unknown as Storage)
  const session = safeStorage(() => w.sessionStorage as unknown as Storage)
  return { doc, local, session, env: { document: doc, location: w.location as unknown as Location, storages: [local, session] } }
}

describe('glob', () => {
  it.each([
    ['_pk_id.*', '_pk_id.1.1fff', true],
    ['_pk_id.*', '_pk_id.', true],
    ['_pk_id.*', '_pk_id', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['_ga', '_ga', true],
    ['_ga', '_gat', false],
    ['_ga', '_G', false],
    ['_ga*', '_ga_XYZ', true],
    ['*_ga', 'x_ga', true],
    ['*_ga', 'x_gax', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['a**b', 'ab', true],
    ['a*b', 'abab', true],
    ['a*ab', 'aab', true],
    ['a.b', 'aXb', false],
    ['ab', 'abc', false]
  ])('glob(%j, %j) is %s', (pattern, name, expected) => {
    expect(glob(pattern, name)).toBe(expected)
  })

  it('finishes quickly on patterns that make backtracking matchers explode', () => {
    const name = 'a'.repeat(20_000)
    const start = performance.now()
    expect(glob('a*a*a*a*a*a*a*a*b', name)).toBe(false)
    expect(glob('*a*a*a*a*a*a*a*a*', name)).toBe(true)
    expect(performance.now() - start).toBeLessThan(500)
  })
})

describe('erase', () => {
  it('deletes cookies matching wildcards in every domain and path, and leaves others', async () => {
    const { doc, env } = page()
    doc.cookie = '_pk_id.1.abc=1; Path=/'
    doc.cookie = '_pk_id.1.abc=2; Domain=shop.example; Path=/'
    doc.cookie = '_pk_ses.1.abc=3; Path=/shop'
    doc.cookie = '_pk_other=4; Path=/'
    doc.cookie = 'consent=5; Path=/'
    erase({ cookies: ['_pk_id.*', '_pk_ses.*'], storage: [] }, env)
    await tick()
    expect(doc.cookie).toBe('_pk_other=4; consent=5')
  })

  it('expires exact names even when document.cookie does not show them', () => {
    const writes: string[] = []
    const doc = { get cookie(): string { throw new DOMException('sandboxed', 'SecurityError') }, set cookie(v: string) { writes.push(v) } }
    const { env } = page()
    erase({ cookies: ['_ga', '_gid*'], storage: [] }, { ...env, document: doc as unknown as Document })
    expect(writes).toContain('_ga=; Path=/; Max-Age=0')
    expect(writes).toContain('_ga=; Path=/shop/item; Domain=shop.example; Max-Age=0')
    expect(writes).toHaveLength(4 * 4)
    expect(writes.every(w => w.startsWith('_ga='))).toBe(true)
  })

  it('removes matching keys from every storage and keeps the rest', () => {
    const { local, session, env } = page()
    local.set('matomo_session', '1')
    local.set('matomo_visitor', '1')
    local.set('cart', '1')
    session.set('matomo_x', '1')
    session.set('_hjid', '1')
    erase({ cookies: [], storage: ['matomo_*', '_hjid'] }, env)
    expect(local.keys()).toEqual(['cart'])
    expect(session.keys()).toEqual([])
  })

  it('skips storages that cannot be opened', () => {
    const mem = memoryStorage()
    mem.setItem('ads_id', '1')
    const { env } = page()
    const blocked = safeStorage(() => { throw new DOMException('denied', 'SecurityError') })
    expect(() => erase({ cookies: ['x'], storage: ['ads_*'] }, { ...env, storages: [blocked, safeStorage(() => mem)] })).not.toThrow()
    expect(mem.length).toBe(0)
  })
})
