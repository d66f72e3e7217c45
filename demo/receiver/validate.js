// @ts-check
// Checks what browsers post to the consent log. Every byte is the sender's: any page, script or
// person can post anything, so each field is checked for type, shape and size, unknown fields are
// refused, and what passes is rebuilt into fresh objects that share nothing with the input.

/** @typedef {'accept-all' | 'reject-all' | 'custom' | 'api' | 'gpc'} Method */

/**
 * A receipt as the browser's `candor.receipt()` makes it, plus the page it was made on.
 * @typedef {object} Receipt
 * @property {string} id
 * @property {string} decidedAt
 * @property {string} timestamp
 * @property {Method} method
 * @property {string} language
 * @property {Record<string, boolean>} purposes
 * @property {Record<string, boolean>} services
 * @property {Record<string, number>} versions
 * @property {string} config
 * @property {string | null} textHash
 * @property {boolean | null} gpc
 * @property {string} url
 */

/**
 * @typedef {{ kind: 'receipt', key: string, receipt: Receipt }
 *   | { kind: 'delete', key: string, id: string }} Message
 */

/**
 * The bounds of what the log accepts. `body` is in bytes; a larger body is answered 413 before
 * it is parsed.
 * @example
 * if (Number(req.headers['content-length']) > LIMITS.body) res.writeHead(413).end()
 */
export const LIMITS = Object.freeze({ body: 16 * 1024, url: 2048, purposes: 64, services: 256 })

const ID = /^[A-Za-z0-9_-]{22}$/
// Printable ASCII: the key travels in logs and on the operator page, where control characters could forge lines.
const KEY = /^[\x20-\x7e]{1,100}$/
const NAME = /^[a-z][a-z0-9_-]{0,39}$/
// Candor refuses these names anywhere in its config, so no genuine receipt carries them; as own
// keys of a plain object they could reach Object.prototype in code that copies them.
const RESERVED = ['__proto__', 'constructor', 'prototype']
// The client lowercases <html lang> and falls back to "en" unless it has this shape.
const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,4}$/
const CONFIG = /^[0-9a-z]{1,7}$/
const HASH = /^[0-9a-f]{64}$/
// Date#toISOString with a four-digit year: the only form the client makes, and one that sorts
// as text in time order, which the tombstone check in the store relies on.
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const METHODS = ['accept-all', 'reject-all', 'custom', 'api', 'gpc']
// Visitors' clocks run ahead by minutes, rarely by hours; a decision dated a day ahead is forged
// and would outlive a later erasure (a tombstone refuses only receipts dated before it).
const FUTURE = 24 * 60 * 60 * 1000

/** @param {string} path @param {string} problem @returns {never} */
const refuse = (path, problem) => {
  throw new RangeError(`${path}: ${problem}`)
}

/** @param {string} path @param {string} expected @returns {never} */
const fail = (path, expected) => refuse(path, 'expected ' + expected)

// The path names the field in the answer; a hostile name is shown quoted and cut, so the answer
// stays short and one line.
/** @param {string} path @param {string} k */
const at = (path, k) => {
  if (!/^[\w/-]{1,81}$/.test(k)) return `${path}[${JSON.stringify(k.length > 40 ? k.slice(0, 40) + '…' : k)}]`
  return path ? `${path}.${k}` : k
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = v => typeof v == 'object' && v !== null && !Array.isArray(v)

/**
 * @template T
 * @param {string} expected
 * @param {(v: unknown) => boolean} ok
 * @returns {(v: unknown, path: string) => T}
 */
const check = (expected, ok) => (v, path) => (ok(v) ? /** @type {T} */ (v) : fail(path, expected))

/** @param {string} expected @param {RegExp} pattern @returns {(v: unknown, path: string) => string} */
const text = (expected, pattern) => check(expected, v => typeof v == 'string' && pattern.test(v))

const consentId = text('a consent id of 22 base64url characters', ID)
const bool = check('true or false', v => typeof v == 'boolean')
const version = check('a positive integer', v => Number.isSafeInteger(v) && Number(v) > 0)

/** @param {unknown} v */
const isTime = v => typeof v == 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() == v
const time = check('an ISO time like 2026-11-23T19:45:00.000Z', isTime)

/** @param {string} v */
const isPageUrl = v => {
  try {
    let u = new URL(v)
    // Only the canonical form: no spaces, case or escapes that make two spellings of one page.
    return (u.protocol == 'https:' || u.protocol == 'http:') && u.href == v && !u.username && !u.password && !/[?#]/.test(v)
  } catch {
    return false
  }
}
const url = check(`an http(s) URL without query, fragment or credentials, at most ${LIMITS.url} characters`, v =>
  typeof v == 'string' && v.length <= LIMITS.url && isPageUrl(v))

/** @param {string} path @param {string} name */
const unreserved = (path, name) => (RESERVED.includes(name) ? fail(path, 'a name other than ' + RESERVED.join(', ')) : name)
const purposeId = text('a purpose id of a-z0-9_- starting with a-z, at most 40 characters', NAME)
/** @param {unknown} v @param {string} path */
const serviceKey = (v, path) => {
  let parts = typeof v == 'string' ? v.split('/') : []
  if (parts.length != 2 || !NAME.test(parts[0]) || !NAME.test(parts[1])) fail(path, 'a key purpose/service of two purpose-like ids')
  for (let part of parts) unreserved(path, part)
  return /** @type {string} */ (v)
}

/**
 * An object of at most `max` entries, rebuilt with its keys sorted, so equal content always
 * serializes to equal text.
 * @template T
 * @param {(k: string, path: string) => string} key
 * @param {(v: unknown, path: string) => T} value
 * @param {number} max
 * @returns {(v: unknown, path: string) => Record<string, T>}
 */
const map = (key, value, max) => (v, path) => {
  if (!isObject(v)) fail(path, 'an object')
  let names = Object.keys(v).sort()
  if (names.length > max) fail(path, `at most ${max} entries`)
  return Object.fromEntries(
    names.map(k => {
      let where = at(path, k)
      return [unreserved(where, key(k, where)), value(v[k], where)]
    })
  )
}

/**
 * Exactly the fields of `spec`, each checked, in the order of `spec`.
 * @param {Record<string, (v: unknown, path: string) => unknown>} spec
 * @param {unknown} v
 * @param {string} path
 * @returns {Record<string, unknown>}
 */
const fields = (spec, v, path) => {
  if (!isObject(v)) fail(path, 'an object')
  for (let k of Object.keys(v)) if (!Object.hasOwn(spec, k)) refuse(at(path, k), 'unknown field')
  return Object.fromEntries(Object.entries(spec).map(([k, c]) => [k, Object.hasOwn(v, k) ? c(v[k], at(path, k)) : refuse(at(path, k), 'missing')]))
}

const receiptSpec = {
  id: consentId,
  decidedAt: time,
  timestamp: time,
  method: check(METHODS.join(', '), v => typeof v == 'string' && METHODS.includes(v)),
  language: text('a lowercase language code like "de" or "pt-br"', LANG),
  purposes: map(purposeId, bool, LIMITS.purposes),
  services: map(serviceKey, bool, LIMITS.services),
  versions: map(purposeId, version, LIMITS.purposes),
  config: text('a config fingerprint of 1 to 7 characters 0-9a-z', CONFIG),
  textHash: check('null or 64 lowercase hex digits', v => v === null || (typeof v == 'string' && HASH.test(v))),
  gpc: check('true, false or null', v => v === null || typeof v == 'boolean'),
  url
}

/**
 * What one receipt says must hold together, as it does for every receipt Candor makes.
 * @param {Receipt} r
 * @param {number} now
 * @param {string} path
 */
const coherent = (r, now, path) => {
  if (r.decidedAt > r.timestamp) fail(at(path, 'decidedAt'), `a time not after ${at(path, 'timestamp')}`)
  if (Date.parse(r.timestamp) > now + FUTURE) fail(at(path, 'timestamp'), 'a time not more than a day ahead')
  let ids = Object.keys(r.purposes)
  if (Object.keys(r.versions).join() != ids.join()) fail(at(path, 'versions'), 'a version for each purpose and no other')
  for (let [service, granted] of Object.entries(r.services)) {
    let purpose = service.split('/')[0]
    let where = at(at(path, 'services'), service)
    if (!ids.includes(purpose)) fail(where, `a service of a purpose in ${at(path, 'purposes')}`)
    if (granted && !r.purposes[purpose]) fail(where, 'false, as its purpose is denied')
  }
  return r
}

const key = text('a key of 1 to 100 printable ASCII characters', KEY)
/** @param {string} name */
const literal = name => check(JSON.stringify(name), v => v === name)

/**
 * Parses and checks a posted body. `now` (ms) bounds how far ahead a receipt may be dated.
 * Returns the message rebuilt from checked values, or the first problem, naming its field.
 * @param {Uint8Array} body
 * @param {number} now
 * @returns {{ message: Message } | { error: string }}
 * @example
 * parseMessage(Buffer.from('{"kind":"delete","key":"k1","id":"q2Zr0w3pTnKxP1u8dVb-Ag"}'), Date.now())
 * // { message: { kind: 'delete', key: 'k1', id: 'q2Zr0w3pTnKxP1u8dVb-Ag' } }
 * parseMessage(Buffer.from('{"kind":"delete","key":"k1","id":"x"}'), Date.now())
 * // { error: 'id: expected a consent id of 22 base64url characters' }
 */
export function parseMessage(body, now) {
  let input
  try {
    input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    return { error: body.length ? 'body: expected JSON in UTF-8' : 'body: expected JSON, got nothing' }
  }
  /** @param {unknown} v @param {string} path */
  const receipt = (v, path) => coherent(/** @type {Receipt} */ (fields(receiptSpec, v, path)), now, path)
  const specs = {
    receipt: { kind: literal('receipt'), key, receipt },
    delete: { kind: literal('delete'), key, id: consentId }
  }
  try {
    if (!isObject(input)) return fail('body', 'a JSON object')
    let kind = input.kind
    if (kind !== 'receipt' && kind !== 'delete') return fail('kind', '"receipt" or "delete"')
    return { message: /** @type {Message} */ (fields(specs[kind], input, '')) }
  } catch (e) {
    if (e instanceof RangeError) return { error: e.message }
    throw e
  }
}

/**
 * Whether `v` has the shape of a consent id (22 base64url characters, 128 random bits).
 * @param {unknown} v
 * @returns {v is string}
 * @example
 * isConsentId('q2Zr0w3pTnKxP1u8dVb-Ag') // true
 * isConsentId('"><script>') // false
 */
export const isConsentId = v => typeof v == 'string' && ID.test(v)
