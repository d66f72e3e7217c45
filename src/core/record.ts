import type { ConsentRecord, Method } from './types'

const METHODS: Method[] = ['accept-all', 'reject-all', 'custom', 'api', 'gpc']
const CODES = 'arcpg'
// The exact shape `encode` writes, lists included. Numbers are canonical base 36 of at most 10
// digits, which stays below 2^53.
const FORMAT =
  /^1\.([\w-]{22})\.(0|[1-9a-z][\da-z]{0,9})\.(0|[1-9a-z][\da-z]{0,9})\.([arcpg])\.([a-z]{2,3}(?:-[A-Za-z\d]{2,8})*)\.([\da-z]{1,7})\.(|[a-z][a-z\d_-]*:[1-9a-z][\da-z]{0,9}:[01](?:~[a-z][a-z\d_-]*:[1-9a-z][\da-z]{0,9}:[01])*)\.(|[a-z][a-z\d_-]*\/[a-z][a-z\d_-]*(?:~[a-z][a-z\d_-]*\/[a-z][a-z\d_-]*)*)$/

const list = (s: string): string[] => (s ? s.split('~') : [])
const b36 = (s: string | undefined): number => parseInt(s!, 36)

/**
 * Encodes a record as a cookie value using only RFC 6265 cookie-octets:
 * `1.<id>.<decidedAt>.<updatedAt>.<a|r|c|p>.<language>.<config>.<id:version:0|1~…>.<purpose/service~…>`.
 * Only a valid record gives a value that `decode` accepts.
 *
 * @example
 * encode({ id: 'AAAAAAAAAAAAAAAAAAAAAA', decidedAt: 0, updatedAt: 36, method: 'custom', language: 'de', config: '1x2y3z',
 *   purposes: { analytics: { granted: true, version: 2 } }, deniedServices: ['analytics/matomo'] })
 * // '1.AAAAAAAAAAAAAAAAAAAAAA.0.10.c.de.1x2y3z.analytics:2:1.analytics/matomo'
 */
export function encode(r: ConsentRecord): string {
  let p = r.purposes
  return [
    1,
    r.id,
    r.decidedAt.toString(36),
    r.updatedAt.toString(36),
    CODES[METHODS.indexOf(r.method)],
    r.language,
    r.config,
    Object.keys(p).map(k => `${k}:${p[k].version.toString(36)}:${+p[k].granted}`).join('~'),
    r.deniedServices.join('~')
  ].join('.')
}

/**
 * Reads a value exactly as `encode` writes it, checked by writing it again, for the core's page
 * views: as strict as `decode` wherever a value could grant or break something (the version, the
 * field count, the id, canonical numbers with the times in order, one answer of 0 or 1 per purpose,
 * a known method, nothing appended), at a fraction of its bytes. What it leaves to `decode`, which
 * the lazily loaded part uses on everything it reads (the shape of the language, of ids no config
 * has), cannot grant anything. Never throws, whatever it is given.
 *
 * @example
 * parse('1.AAAAAAAAAAAAAAAAAAAAAA.0.10.c.de.1x2y3z.analytics:2:1.')?.purposes.analytics // { granted: true, version: 2 }
 */
export function parse(value: unknown): ConsentRecord | null {
  let [, id, d, u, m, language, config, answers, denied] = typeof value == 'string' ? value.split('.') : []
  let decidedAt = b36(d)
  let updatedAt = b36(u)
  if (!/^[\w-]{22}$/.test(id) || !(decidedAt <= updatedAt)) return null
  // No prototype, so an id such as `constructor` can neither collide nor reach Object.prototype.
  let purposes: ConsentRecord['purposes'] = Object.create(null)
  for (let [pid, version, granted] of list(answers).map(e => e.split(':'))) purposes[pid] = { granted: granted == '1', version: b36(version) }
  let r: ConsentRecord = { id, decidedAt, updatedAt, method: METHODS[CODES.indexOf(m)], language, config, purposes, deniedServices: list(denied) }
  return encode(r) === value ? r : null
}

/**
 * Reads a value written by `encode`. Returns null for anything that is not exactly such a value
 * (no duplicate answers or denied services either); never throws, whatever it is given (the cookie can be edited by anyone).
 *
 * @example
 * decode(readCookies(document, 'consent')[0]) // ConsentRecord | null
 */
export function decode(value: unknown): ConsentRecord | null {
  let r = typeof value == 'string' && value.length <= 2000 && FORMAT.test(value) ? parse(value) : null
  return r && new Set(r.deniedServices).size == r.deniedServices.length ? r : null
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
