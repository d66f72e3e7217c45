import type { ConsentRecord, Method } from './types'

const METHODS: Method[] = ['accept-all', 'reject-all', 'custom', 'api', 'gpc']
const CODES = 'arcpg'
// The exact shape `encode` writes, lists included. Numbers are canonical base 36 of at most 10
// digits, which stays below 2^53.
const FORMAT =
  /^2\.([\w-]{22})\.(0|[1-9a-z][\da-z]{0,9})\.(0|[1-9a-z][\da-z]{0,9})\.([arcpg])\.([a-z]{2,3}(?:-[A-Za-z\d]{2,8})*)\.([\da-z]{1,7})\.(|[a-z][a-z\d_-]*:[1-9a-z][\da-z]{0,9}:[01](?:~[a-z][a-z\d_-]*:[1-9a-z][\da-z]{0,9}:[01])*)\.(|[a-z][a-z\d_-]*\/[a-z][a-z\d_-]*(?:~[a-z][a-z\d_-]*\/[a-z][a-z\d_-]*)*)\.$/

const list = (s: string): string[] => (s ? s.split('~') : [])
const b36 = (s: string | undefined): number => parseInt(s!, 36)

/**
 * Encodes a record as a cookie value using only RFC 6265 cookie-octets:
 * `2.<id>.<decidedAt>.<updatedAt>.<a|r|c|p>.<language>.<config>.<id:version:0|1~…>.<purpose/service~…>.`.
 * Only a valid record gives a value that `decode` accepts. The closing `.` tells a value cut short:
 * without it, a cut inside the denied services would read as a decision that denies fewer (format 1 had none).
 *
 * @example
 * encode({ id: 'AAAAAAAAAAAAAAAAAAAAAA', decidedAt: 0, updatedAt: 36, method: 'custom', language: 'de', config: '1x2y3z',
 *   purposes: { analytics: { granted: true, version: 2 } }, deniedServices: ['analytics/matomo'] })
 * // '2.AAAAAAAAAAAAAAAAAAAAAA.0.10.c.de.1x2y3z.analytics:2:1.analytics/matomo.'
 */
export function encode(r: ConsentRecord): string {
  let p = r.purposes
  return [
    2,
    r.id,
    r.decidedAt.toString(36),
    r.updatedAt.toString(36),
    CODES[METHODS.indexOf(r.method)],
    r.language,
    r.config,
    Object.keys(p).map(k => `${k}:${p[k].version.toString(36)}:${+p[k].granted}`).join('~'),
    r.deniedServices.join('~'),
    ''
  ].join('.')
}

/**
 * Reads a record leniently, for the core's page views: checks only what could otherwise grant or
 * break something (the length, the version, the number of fields and the closing `.`, the id, that
 * both times are numbers in order) and leaves the rest to `decode`, which the lazily loaded part
 * uses on everything it reads. What it lets through cannot grant more than a well-formed value could: an answer counts
 * only as exactly `1` at the purpose's current version, the config fingerprint must still match,
 * and anything unparsable reads as no answer. Never throws, whatever it is given.
 *
 * @example
 * parse('2.AAAAAAAAAAAAAAAAAAAAAA.0.10.c.de.1x2y3z.analytics:2:1..')?.purposes.analytics // { granted: true, version: 2 }
 */
export function parse(value: unknown): ConsentRecord | null {
  // No value `encode` writes is longer; a longer one (a padded or forged cookie, megabytes in storage) is not split at all.
  let [v, id, d, u, m, language, config, answers, denied, end, more] = typeof value == 'string' && value.length <= 2e3 ? value.split('.') : []
  let decidedAt = b36(d)
  let updatedAt = b36(u)
  if (v != '2' || end != '' || more != null || !/^[\w-]{22}$/.test(id) || !(decidedAt <= updatedAt)) return null
  // No prototype, so an id such as `constructor` can neither collide nor reach Object.prototype.
  let purposes: ConsentRecord['purposes'] = Object.create(null)
  for (let [pid, version, granted, extra] of list(answers).map(e => e.split(':'))) {
    // Not written by `encode`: read as `decode` would, never as a grant, nor as a denial that stops the banner asking.
    if ((granted != '1' && granted != '0') || extra != null) return null
    purposes[pid] = { granted: granted == '1', version: b36(version) }
  }
  return { id, decidedAt, updatedAt, method: METHODS[CODES.indexOf(m)], language, config, purposes, deniedServices: list(denied) }
}

/**
 * Reads a value written by `encode`. Returns null for anything that is not exactly such a value
 * (no duplicate answers either); never throws, whatever it is given (the cookie can be edited by anyone).
 *
 * @example
 * decode(readCookies(document, 'consent')[0]) // ConsentRecord | null
 */
export function decode(value: unknown): ConsentRecord | null {
  let r = parse(value)
  let v = value as string
  // `parse` lets a later answer to the same purpose win; a value `encode` wrote has one of each.
  return r && FORMAT.test(v) && Object.keys(r.purposes).length == list(v.split('.')[7]).length && new Set(r.deniedServices).size == r.deniedServices.length ? r : null
}

/**
 * A new random record id: 16 bytes, base64url, 22 characters.
 *
 * @example
 * newId(crypto) // 'q2Zr0w3pTnKxP1u8dVb-Ag'
 */
export function newId(crypto: Crypto): string {
  let s = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
  return s.slice(0, 22).replace(/\+/g, '-').replace(/\//g, '_')
}
