// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID, deleteMessage, receipt, receiptMessage, startReceiver } from './harness'
import type { Started } from './harness'

let rx: Started
beforeAll(async () => {
  rx = await startReceiver()
})
afterAll(() => rx.stop())

type Case = [behaviour: string, body: unknown, field: string]

const good = JSON.stringify(receiptMessage('k1'))
/** `json`, an object's text, with `extra` added as raw JSON: the only way to send an own `__proto__` key. */
const withRaw = (json: string, extra: string) => json.slice(0, -1) + ',' + extra + '}'
const receiptWith = (over: Record<string, unknown>) => receiptMessage('k1', { ...receipt(), ...over })
const without = (field: string) => {
  const r: Record<string, unknown> = { ...receipt() }
  delete r[field]
  return receiptMessage('k1', r)
}
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => ['p' + i, false]))
/** Receipts whose one field `name` takes each of `values`; the answer must name that field. */
const field = (name: string, values: [behaviour: string, value: unknown][]): Case[] =>
  values.map(([behaviour, value]) => [behaviour, receiptWith({ [name]: value }), 'receipt.' + name])
const url = 'http://127.0.0.1:5173/'

const cases: Case[] = [
  ['an empty body', '', 'body'],
  ['a body that is not JSON', 'kind=receipt', 'body'],
  ['a body that is not UTF-8', new Blob([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]), 'body'],
  ['a JSON array', '[]', 'body'],
  ['JSON null', 'null', 'body'],
  ['a JSON string', '"receipt"', 'body'],
  ['arrays nested thousands deep', '['.repeat(5000) + ']'.repeat(5000), 'body'],
  ['a message without kind', { key: 'k1', receipt: receipt() }, 'kind'],
  ['an unknown kind', { ...receiptMessage('k1'), kind: 'update' }, 'kind'],
  ['a kind that is not a string', { ...receiptMessage('k1'), kind: ['receipt'] }, 'kind'],
  ['a message without key', { kind: 'receipt', receipt: receipt() }, 'key'],
  ['an empty key', receiptMessage(''), 'key'],
  ['a key of 101 characters', receiptMessage('k'.repeat(101)), 'key'],
  ['a key with a line break', receiptMessage('k1\nforged log line'), 'key'],
  ['a key with non-ASCII characters', receiptMessage('schlüssel'), 'key'],
  ['a key that is a number', receiptMessage(1 as unknown as string), 'key'],
  ['an unknown top-level field', { ...receiptMessage('k1'), grants: { marketing: true } }, 'grants'],
  ['a __proto__ key at the top', withRaw(good, '"__proto__":{"polluted":true}'), '__proto__'],
  ['a constructor key at the top', withRaw(good, '"constructor":{"prototype":{"polluted":true}}'), 'constructor'],
  ['a message without receipt', { kind: 'receipt', key: 'k1' }, 'receipt'],
  ['a receipt that is a string', receiptMessage('k1', JSON.stringify(receipt())), 'receipt'],
  ['a receipt that is an array', receiptMessage('k1', [receipt()]), 'receipt'],
  ['an unknown field in the receipt', receiptWith({ note: '<script>alert(1)</script>' }), 'receipt.note'],
  ['a __proto__ key in the receipt', withRaw(good.slice(0, -1), '"__proto__":{"polluted":true}') + '}', 'receipt.__proto__'],
  ['a receipt without url', without('url'), 'receipt.url'],
  ['a receipt without gpc', without('gpc'), 'receipt.gpc'],
  ...field('id', [
    ['an id of 21 characters', ID.slice(1)],
    ['an id of 23 characters', ID + 'A'],
    ['an id with characters outside base64url', 'q2Zr0w3pTnKxP1u8dVb+A/'],
    ['an id that is a number', 12345]
  ]),
  ...field('decidedAt', [
    ['a date instead of an ISO time', '2026-11-01'],
    ['an ISO time with an offset', '2026-11-01T01:00:00.000+01:00'],
    ['an impossible day', '2026-02-30T00:00:00.000Z'],
    ['a decision dated after its receipt', '2026-11-23T19:45:00.001Z']
  ]),
  ...field('timestamp', [
    ['a time in milliseconds', Date.UTC(2026, 10, 23)],
    ['a six-digit year', '+275760-09-13T00:00:00.000Z'],
    ['a timestamp more than a day ahead', '2026-11-25T00:00:00.001Z']
  ]),
  ...field('method', [
    ['an unknown method', 'bribe'],
    ['a method in capitals', 'ACCEPT-ALL']
  ]),
  ...field('language', [
    ['a language in capitals', 'pt-BR'],
    ['a language with an underscore', 'de_de'],
    ['a language that is markup', '<script>'],
    ['a language of 60 characters', 'de' + '-abcdefgh'.repeat(7)]
  ]),
  ['purposes that are an array', receiptWith({ purposes: [true] }), 'receipt.purposes'],
  ['a purpose granted as a string', receiptWith({ purposes: { ...receipt().purposes, analytics: 'yes' } }), 'receipt.purposes.analytics'],
  ['a purpose id in capitals', receiptWith({ purposes: { Analytics: true } }), 'receipt.purposes.Analytics'],
  ['a purpose id that is markup', receiptWith({ purposes: { '<script>alert(1)</script>': true } }), 'receipt.purposes["<script>alert(1)</script>"]'],
  ['a purpose id of 5000 line breaks', receiptWith({ purposes: { ['\n'.repeat(5000)]: true } }), 'receipt.purposes["' + '\\n'.repeat(40) + '…"]'],
  ['a purpose id of 41 characters', receiptWith({ purposes: { ['a'.repeat(41)]: true } }), 'receipt.purposes.' + 'a'.repeat(41)],
  ['a purpose named constructor', receiptWith({ purposes: { constructor: true }, versions: { constructor: 1 }, services: {} }), 'receipt.purposes.constructor'],
  ['a purpose named prototype', receiptWith({ purposes: { prototype: true }, versions: { prototype: 1 }, services: {} }), 'receipt.purposes.prototype'],
  ['a __proto__ key in purposes', good.replace('"purposes":{', '"purposes":{"__proto__":true,'), 'receipt.purposes.__proto__'],
  ['more than 64 purposes', receiptWith({ purposes: many(65), versions: {}, services: {} }), 'receipt.purposes'],
  ['a service key without a purpose', receiptWith({ services: { matomo: true } }), 'receipt.services.matomo'],
  ['a service key of three parts', receiptWith({ services: { 'analytics/matomo/x': true } }), 'receipt.services.analytics/matomo/x'],
  ['a service named constructor', receiptWith({ services: { 'analytics/constructor': true } }), 'receipt.services.analytics/constructor'],
  ['a service of a purpose not in the receipt', receiptWith({ services: { 'ads/meta': false } }), 'receipt.services.ads/meta'],
  ['a service granted in a denied purpose', receiptWith({ services: { 'marketing/meta': true } }), 'receipt.services.marketing/meta'],
  ['a service granted as 1', receiptWith({ services: { 'analytics/matomo': 1 } }), 'receipt.services.analytics/matomo'],
  ...[0, 1.5, '3', -1, 2 ** 53].map((v): Case => [`a version of ${JSON.stringify(v)}`, receiptWith({ versions: { ...receipt().versions, analytics: v } }), 'receipt.versions.analytics']),
  ['versions missing a purpose', receiptWith({ versions: { necessary: 1, analytics: 3 } }), 'receipt.versions'],
  ['versions of a purpose not in the receipt', receiptWith({ versions: { ...receipt().versions, ads: 1 } }), 'receipt.versions'],
  ...field('config', [
    ['a config fingerprint of 8 characters', '12345678'],
    ['a config fingerprint in capitals', 'ABC'],
    ['an empty config fingerprint', '']
  ]),
  ...field('textHash', [
    ['a text hash too short', 'ab12'],
    ['a text hash in capitals', 'A'.repeat(64)]
  ]),
  ...field('gpc', [['gpc as a string', 'true']]),
  ...field('url', [
    ['a url that is javascript:', 'javascript:alert(1)'],
    ['a url that is data:', 'data:text/html,<script>alert(1)</script>'],
    ['a url of another scheme', 'ftp://127.0.0.1/'],
    ['a relative url', '/checkout'],
    ['a url with a query string', url + 'checkout?email=a@b.example'],
    ['a url with an empty query', url + 'checkout?'],
    ['a url with a fragment', url + '#top'],
    ['a url with credentials', 'http://user:secret@127.0.0.1:5173/'],
    ['a url with raw markup', url + '"><script>alert(1)</script>'],
    ['a url with a line break', url + '\nx'],
    ['a url that is not canonical', 'HTTP://127.0.0.1:5173/'],
    ['a url over 2048 characters', url + 'a'.repeat(2048)]
  ]),
  ['a deletion without id', { kind: 'delete', key: 'd1' }, 'id'],
  ['a deletion of an id that is no consent id', deleteMessage('d1', '../../etc/passwd'), 'id'],
  ['a deletion with a receipt attached', { ...deleteMessage('d1'), receipt: receipt() }, 'receipt'],
  ['a deletion with a __proto__ key', withRaw(JSON.stringify(deleteMessage('d1')), '"__proto__":{"id":"x"}'), '__proto__']
]

describe('invalid bodies', () => {
  it.each(cases)('refuses %s with 400 naming the field', async (_, body, name) => {
    const res = await rx.post(body)
    expect(res.status).toBe(400)
    const reason = await res.text()
    expect(reason.startsWith(name + ': ')).toBe(true)
    expect(reason.length).toBeLessThan(200)
    expect(reason.trimEnd()).not.toContain('\n')
  })

  it('stored nothing for any of them, and polluted no prototype', async () => {
    expect(rx.count()).toBe(0)
    expect(rx.db(d => d.prepare('SELECT count(*) FROM tombstones').pluck().get())).toBe(0)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('takes the valid messages the cases were made from, and the other methods and nulls', async () => {
    expect((await rx.post(good)).status).toBe(201)
    const other = receipt({ id: 'B'.repeat(22), textHash: null, gpc: null, method: 'gpc', language: 'pt-br', url: 'https://shop.example/' })
    expect((await rx.post(receiptMessage('k2', other))).status).toBe(201)
    expect((await rx.post(deleteMessage('d1', 'C'.repeat(22)))).status).toBe(204)
  })
})
