import { describe, expect, it, vi } from 'vitest'
import { MAX, createLog } from '../../src/core/log'
import type { Entry } from '../../src/core/log'
import { memoryStorage, safeStorage } from '../../src/core/storage'
import type { Receipt } from '../../src/core/types'

const receipt = (id: string, timestamp = '2026-12-02T10:00:00.000Z'): Receipt => ({
  id, decidedAt: timestamp, timestamp, method: 'custom', language: 'de', purposes: { analytics: true }, services: {},
  versions: { analytics: 1 }, config: 'abc', textHash: null, gpc: false, url: 'https://shop.example/'
})
const entry = (id: string, timestamp?: string): Entry => ({ kind: 'receipt', key: id + '@' + (timestamp ?? 't'), receipt: receipt(id, timestamp) })

/** A page whose fetch answers with the given statuses in turn ('offline' throws like a network error). */
function page(...answers: (number | 'offline')[]) {
  const sent: { url: string; body: unknown; init: RequestInit }[] = []
  let now = 1_000_000
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const answer = answers.length > 1 ? answers.shift()! : answers[0]
    sent.push({ url, body: JSON.parse(init.body as string), init })
    if (answer == 'offline') throw new TypeError('Failed to fetch')
    return new Response(answer == 204 ? null : 'x', { status: answer })
  })
  const win = { fetch, AbortController, setTimeout, clearTimeout, navigator: {} } as unknown as Window & typeof globalThis
  const store = memoryStorage()
  const warnings: string[] = []
  const open = (): ReturnType<typeof createLog> =>
    createLog('https://shop.example/consent-log', { window: win, storage: safeStorage(() => store), key: 'q', now: () => now, warn: m => void warnings.push(m) })
  const later = (ms: number) => (now += ms)
  const queued = (): string[] => (JSON.parse(store.getItem('q') || '[]') as { entry: Entry }[]).map(q => q.entry.key)
  return { sent, fetch, store, open, later, queued, warnings }
}

describe('createLog', () => {
  it('posts each receipt as text/plain JSON with keepalive, without credentials', async () => {
    const p = page(201)
    await p.open().send(entry('a'))
    expect(p.sent).toHaveLength(1)
    expect(p.sent[0].url).toBe('https://shop.example/consent-log')
    expect(p.sent[0].body).toEqual(entry('a'))
    expect(p.sent[0].init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain;charset=UTF-8' } })
    expect(p.queued()).toEqual([])
  })

  it('keeps an entry that could not be delivered and delivers it once on a later page view', async () => {
    const p = page('offline', 500, 201)
    await p.open().send(entry('a'))
    expect(p.queued()).toEqual(['a@t'])
    await p.open().flush()
    expect(p.sent).toHaveLength(1)
    p.later(60_000)
    await p.open().flush()
    expect(p.queued()).toEqual(['a@t'])
    p.later(120_000)
    await p.open().flush()
    expect(p.queued()).toEqual([])
    p.later(10 * 86_400_000)
    await p.open().flush()
    expect(p.sent.map(s => (s.body as Entry).key)).toEqual(['a@t', 'a@t', 'a@t'])
  })

  it('backs off further after each failure, from a minute up to a day', async () => {
    const p = page(503)
    const log = p.open()
    await log.send(entry('a'))
    const waits: number[] = []
    for (let i = 0; i < 13; i++) {
      const [{ due }] = JSON.parse(p.store.getItem('q')!) as { due: number }[]
      waits.push(due - p.later(0))
      p.later(due - p.later(0))
      await log.flush()
    }
    expect(waits.map(w => w / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1440, 1440])
  })

  it('drops an entry the endpoint refuses as invalid, and says so', async () => {
    const p = page(400)
    await p.open().send(entry('a'))
    expect(p.queued()).toEqual([])
    expect(p.warnings).toEqual(['consent log: https://shop.example/consent-log refused an entry with 400, dropped'])
  })

  it('retries after 408 and 429', async () => {
    for (const status of [408, 429]) {
      const p = page(status)
      await p.open().send(entry('a'))
      expect(p.queued()).toEqual(['a@t'])
    }
  })

  it('keeps at most a bounded queue, losing the oldest receipts before any deletion request', async () => {
    const p = page('offline')
    const log = p.open()
    await log.send({ kind: 'delete', key: 'delete:z', id: 'z' })
    for (let i = 0; i < MAX + 5; i++) await log.send(entry('r' + i))
    const keys = p.queued()
    expect(keys).toHaveLength(MAX)
    expect(keys[0]).toBe('delete:z')
    expect(keys.at(-1)).toBe(`r${MAX + 4}@t`)
  })

  it('sends an entry with the same key once, however often it is queued', async () => {
    const p = page('offline')
    const log = p.open()
    await log.send(entry('a'))
    await log.send(entry('a'))
    expect(p.queued()).toEqual(['a@t'])
  })

  it('drops the waiting receipts of a consent id that is being erased', async () => {
    const p = page('offline')
    const log = p.open()
    await log.send(entry('a'))
    await log.send(entry('b'))
    log.drop('a')
    expect(p.queued()).toEqual(['b@t'])
  })

  it('reads a damaged queue as empty', async () => {
    for (const damaged of ['{', '"x"', '[1, null, {"entry": 5}]', '{"length": 3}']) {
      const p = page(201)
      p.store.setItem('q', damaged)
      await expect(p.open().flush()).resolves.toBeUndefined()
      expect(p.sent).toEqual([])
    }
  })

  it('keeps the queue for the page view when storage is blocked', async () => {
    const p = page('offline', 201)
    let now = 0
    const win = { fetch: p.fetch, AbortController, setTimeout, clearTimeout, navigator: {} } as unknown as Window & typeof globalThis
    const blocked = safeStorage(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    const log = createLog('/log', { window: win, storage: blocked, key: 'q', now: () => now, warn: () => {} })
    await log.send(entry('a'))
    now += 60_000
    await log.flush()
    expect(p.sent).toHaveLength(2)
  })

  it('falls back to sendBeacon where fetch is missing', async () => {
    const beacons: [string, string][] = []
    const win = { navigator: { sendBeacon: (url: string, body: string) => (beacons.push([url, body]), true) } } as unknown as Window & typeof globalThis
    const store = memoryStorage()
    await createLog('/log', { window: win, storage: safeStorage(() => store), key: 'q', now: () => 0, warn: () => {} }).send(entry('a'))
    expect(beacons.map(([url, body]) => [url, JSON.parse(body).key])).toEqual([['/log', 'a@t']])
    expect(store.getItem('q')).toBeNull()
  })
})
