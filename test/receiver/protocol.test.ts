// @vitest-environment node
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ID, NOW, OTHER, SHOP, deleteMessage, receipt, receiptMessage, startReceiver } from './harness'
import type { Started } from './harness'

let rx: Started
beforeEach(async () => {
  rx = await startReceiver()
})
afterEach(() => rx.stop())

describe('receipts', () => {
  it('stores a receipt and answers 201', async () => {
    const res = await rx.post(receiptMessage('k1'))
    expect(res.status).toBe(201)
    expect(await rx.receiptsOf(ID)).toEqual([expect.objectContaining({ key: 'k1', receipt: receipt() })])
  })

  it('answers 200 to a replay of the same key and stores nothing twice', async () => {
    expect((await rx.post(receiptMessage('k1'))).status).toBe(201)
    expect((await rx.post(receiptMessage('k1'))).status).toBe(200)
    expect((await rx.post(receiptMessage('k1'))).status).toBe(200)
    expect(rx.count()).toBe(1)
  })

  it('answers 200 to the same receipt sent again under a new key, storing it once', async () => {
    await rx.post(receiptMessage('k1'))
    expect((await rx.post(receiptMessage('k2'))).status).toBe(200)
    expect(rx.count()).toBe(1)
  })

  it('stores each new decision of a visitor as its own receipt', async () => {
    await rx.post(receiptMessage('k1'))
    const later = receipt({ timestamp: '2026-11-23T20:00:00.000Z', purposes: { necessary: true, analytics: false, marketing: false }, services: { 'analytics/matomo': false, 'marketing/meta': false } })
    expect((await rx.post(receiptMessage('k2', later))).status).toBe(201)
    expect((await rx.receiptsOf(ID)).map(r => r.receipt.timestamp)).toEqual(['2026-11-23T20:00:00.000Z', '2026-11-23T19:45:00.000Z'])
  })

  it('refuses with 422 a key reused for another receipt, keeping the first', async () => {
    await rx.post(receiptMessage('k1'))
    const res = await rx.post(receiptMessage('k1', receipt({ id: OTHER })))
    expect(res.status).toBe(422)
    expect(await rx.receiptsOf(OTHER)).toEqual([])
  })

  it('refuses with 409 a different receipt of the same decision (same id and timestamp)', async () => {
    await rx.post(receiptMessage('k1'))
    const res = await rx.post(receiptMessage('k2', receipt({ method: 'api' })))
    expect(res.status).toBe(409)
    expect((await rx.receiptsOf(ID)).map(r => r.receipt.method)).toEqual(['custom'])
  })

  it('stores one row when the same key is posted many times at once', async () => {
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => rx.post(receiptMessage('same'))))).map(r => r.status)
    expect(statuses.filter(s => s == 201)).toHaveLength(1)
    expect(statuses.filter(s => s == 200)).toHaveLength(19)
    expect(rx.count()).toBe(1)
  })

  it('stores one row when the same decision is posted under many keys at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => rx.post(receiptMessage('key-' + i))))
    expect(answers.filter(r => r.status == 201)).toHaveLength(1)
    expect(rx.count()).toBe(1)
  })

  it('says nothing about grants in its answers', async () => {
    for (const res of [await rx.post(receiptMessage('k1')), await rx.post(receiptMessage('k1'))]) {
      const body = await res.text()
      expect(body).not.toMatch(/analytics|marketing|true|false|grant/i)
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    }
  })

  it('answers 413 to a body over 16 KB, declared or streamed, and stores nothing', async () => {
    const big = JSON.stringify(receiptMessage('k1', receipt({ url: 'http://127.0.0.1:5173/' + 'a'.repeat(17_000) })))
    expect((await rx.post(big)).status).toBe(413)
    const chunk = new TextEncoder().encode('x'.repeat(4096))
    let sent = 0
    const stream = new ReadableStream({
      pull(c) {
        if (sent >= 1_000_000) return c.close()
        c.enqueue(chunk)
        sent += chunk.length
      }
    })
    const res = await fetch(rx.base + '/log', { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
    expect(rx.count()).toBe(0)
  })

  it('accepts a body of exactly 16 KB', async () => {
    const message = JSON.stringify(receiptMessage('k1'))
    const padded = message.slice(0, -1) + ' '.repeat(16 * 1024 - message.length) + '}'
    expect(Buffer.byteLength(padded)).toBe(16 * 1024)
    expect((await rx.post(padded)).status).toBe(201)
  })
})

describe('erasure', () => {
  const later = receipt({ timestamp: '2026-11-23T20:00:00.000Z' })

  it('removes every receipt of the id, answers 204, and keeps other ids', async () => {
    await rx.post(receiptMessage('k1'))
    await rx.post(receiptMessage('k2', later))
    await rx.post(receiptMessage('k3', receipt({ id: OTHER })))
    const res = await rx.post(deleteMessage('d1'))
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect(await rx.receiptsOf(ID)).toEqual([])
    expect(await rx.receiptsOf(OTHER)).toHaveLength(1)
  })

  it('answers 204 to deleting an unknown or an already deleted id', async () => {
    expect((await rx.post(deleteMessage('d1', OTHER))).status).toBe(204)
    expect((await rx.post(deleteMessage('d1', OTHER))).status).toBe(204)
    expect((await rx.post(deleteMessage('d2', OTHER))).status).toBe(204)
  })

  it('refuses a replay of a receipt made before the deletion, with 410', async () => {
    await rx.post(receiptMessage('k1'))
    await rx.post(deleteMessage('d1'))
    expect((await rx.post(receiptMessage('k1'))).status).toBe(410)
    expect((await rx.post(receiptMessage('k9', later))).status).toBe(410)
    expect(rx.count()).toBe(0)
  })

  it('refuses a receipt made before the deletion that arrives after it for the first time', async () => {
    await rx.post(deleteMessage('d1'))
    expect((await rx.post(receiptMessage('k1'))).status).toBe(410)
  })

  it('stores a decision made after the deletion', async () => {
    await rx.post(receiptMessage('k1'))
    await rx.post(deleteMessage('d1'))
    const fresh = receipt({ decidedAt: '2026-11-24T00:00:01.000Z', timestamp: '2026-11-24T00:00:01.000Z' })
    expect((await rx.post(receiptMessage('k2', fresh))).status).toBe(201)
    expect((await rx.receiptsOf(ID)).map(r => r.receipt)).toEqual([fresh])
  })

  it('does not erase a newer decision when a deletion with the same key is retried', async () => {
    await rx.post(deleteMessage('d1'))
    rx.setClock(NOW + 60_000)
    const fresh = receipt({ decidedAt: '2026-11-24T00:00:30.000Z', timestamp: '2026-11-24T00:00:30.000Z' })
    await rx.post(receiptMessage('k2', fresh))
    rx.setClock(NOW + 120_000)
    expect((await rx.post(deleteMessage('d1'))).status).toBe(204)
    expect(await rx.receiptsOf(ID)).toHaveLength(1)
  })

  it('keeps only the SHA-256 of the id and the time, nowhere the id itself', async () => {
    await rx.post(receiptMessage('receipt:' + ID))
    await rx.post(deleteMessage('forget:' + ID))
    const hash = createHash('sha256').update(ID).digest('hex')
    expect(rx.db(d => d.prepare('SELECT * FROM tombstones').all())).toEqual([{ id_hash: hash, erased_at: new Date(NOW).toISOString() }])
    for (const name of readdirSync(rx.dir)) expect(readFileSync(join(rx.dir, name)).includes(ID), name).toBe(false)
  })

  it('shows when an id was erased', async () => {
    await rx.post(deleteMessage('d1'))
    const body = await (await fetch(`${rx.base}/receipts.json?id=${ID}`)).json()
    expect(body).toEqual({ id: ID, erasedAt: new Date(NOW).toISOString(), receipts: [] })
  })
})

describe('CORS', () => {
  it('echoes an allowed origin, with Vary: Origin', async () => {
    const res = await rx.post(receiptMessage('k1'), { origin: SHOP })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP)
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('refuses posts from other origins with 403 and no CORS grant', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:5174', 'null', SHOP + '/']) {
      const res = await rx.post(receiptMessage('k1'), { origin })
      expect(res.status, origin).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(res.headers.get('vary')).toBe('Origin')
    }
    expect(rx.count()).toBe(0)
  })

  it('takes posts without an Origin header (servers, curl) but grants them no CORS', async () => {
    const res = await rx.post(receiptMessage('k1'))
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers a preflight from an allowed origin with what a post needs', async () => {
    const res = await fetch(rx.base + '/log', {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
    })
    expect(res.status).toBe(204)
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': SHOP,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type',
      vary: 'Origin'
    })
  })

  it('answers a preflight from another origin without a CORS grant', async () => {
    const res = await fetch(rx.base + '/log', { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-methods')).toBeNull()
  })

  it('grants no CORS on the operator page and its JSON', async () => {
    for (const path of ['/', `/receipts.json?id=${ID}`]) {
      const res = await fetch(rx.base + path, { headers: { origin: SHOP } })
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull()
    }
  })
})

describe('routes', () => {
  it('answers 405 with Allow to other methods', async () => {
    for (const [path, method, allow] of [['/log', 'GET', 'POST, OPTIONS'], ['/log', 'PUT', 'POST, OPTIONS'], ['/', 'POST', 'GET, HEAD'], ['/receipts.json', 'DELETE', 'GET, HEAD']]) {
      const res = await fetch(rx.base + path, { method })
      expect(res.status, `${method} ${path}`).toBe(405)
      expect(res.headers.get('allow')).toBe(allow)
    }
  })

  it('answers 404 elsewhere', async () => {
    for (const path of ['/nope', '/log/', '/receipts.json/x', '/data/receipts.db', '/../server.js', '/receiver.css.map']) {
      expect((await fetch(rx.base + path)).status, path).toBe(404)
    }
  })

  it('answers 400 to a look-up without a valid consent id', async () => {
    for (const q of ['', '?id=', '?id=short', `?id=${ID}x`]) {
      expect((await fetch(`${rx.base}/receipts.json${q}`)).status, q).toBe(400)
    }
  })
})
