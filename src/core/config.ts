import { CandorConfigError } from './error'
import { COOKIE as DEFAULT_COOKIE } from './outline'
import { en } from './texts'
import type { ValidConfig } from './types'

type Obj = Record<string, unknown>
type Chk = (v: unknown, path: string, key?: string) => unknown

// Assigning these keys to a plain object can reach Object.prototype; JSON.parse makes them own keys.
const BAD = ['__proto__', 'constructor', 'prototype']
const ID = /^[a-z][a-z0-9_-]{0,39}$/
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
// Printable ASCII minus `"`, `,`, `;`, `=`: characters that break a Set-Cookie header or our lists.
const COOKIE = /^[\x21\x23-\x2b\x2d-\x3a\x3c\x3e-\x7e]+$/
const ABS = /^(https:\/\/[^/?#]|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?([/?#]|$))/i

// Values end up in CSS custom properties; these characters could end the declaration or fetch something.
const CSS = /^(?!.*url\()[^;{}<>\\\n]{1,100}$/i
// The accent ends up as a background, where image-set("…"), element() or a quoted URL would make the
// browser fetch something. Only a hex colour, a colour keyword, or a colour function of plain numbers.
const COLOR = /^(#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})|[a-z]{3,20}|(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([\w\s.,%/+-]{1,80}\))$/i
const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage']
const TERM = /^!?[a-z][a-z0-9_-]*(\/[a-z][a-z0-9_-]*)?$/
// Browsers refuse a cookie Domain that is a public suffix, and the decision would then quietly stay
// on one host. A single label is one by the Public Suffix List's default rule; these are the common
// ones of two labels, where the mistake is likely.
const SUFFIXES = ['co.uk', 'org.uk', 'com.au', 'co.nz', 'co.jp', 'com.br', 'github.io', 'gitlab.io', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev']

// RFC 6265bis caps cookies at 400 days (Chrome since 104).
const days = (n: number): number => Math.round(Math.min(400, Math.max(1, n)))

const isObj = (v: unknown): v is Obj => ({}).toString.call(v) == '[object Object]'
// A key that would read ambiguously after a dot (empty, spaces, dots, slashes) is shown quoted.
const at = (p: string, k: string): string => (/^[\w-]+$/.test(k) ? (p ? p + '.' + k : k) : `${p}[${JSON.stringify(k)}]`)

const show = (v: unknown): string => {
  let s: string | undefined
  try {
    // JSON.stringify turns NaN and Infinity into "null", which would hide the actual mistake.
    s = typeof v == 'number' ? String(v) : JSON.stringify(v)
  } catch {
    // Cyclic objects and BigInt cannot be stringified; the type name is enough then.
  }
  s ??= typeof v
  return s.length > 60 ? s.slice(0, 59) + '…' : s
}

/**
 * The paths of keys that JSON text gives twice in one object, in text order. JSON.parse silently
 * keeps the last, so a purpose copied and not renamed would replace the first one unseen. Expects
 * text that JSON.parse accepted.
 */
const twice = (text: string): string[] => {
  const found: string[] = []
  // One per open object (the keys it has) or array (the index of its current item).
  const open: { path: string; keys?: Set<string>; i: number }[] = []
  let key = ''
  let isKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const top = open[open.length - 1]
    if (c == '"') {
      let j = i + 1
      while (text[j] != '"') j += text[j] == '\\' ? 2 : 1
      if (isKey) {
        key = JSON.parse(text.slice(i, j + 1)) as string
        const path = at(top.path, key)
        if (!top.keys!.has(key)) top.keys!.add(key)
        else if (!found.includes(path)) found.push(path)
      }
      isKey = false
      i = j
    } else if (c == '{' || c == '[') {
      open.push({ path: !top ? '' : top.keys ? at(top.path, key) : `${top.path}[${top.i}]`, keys: c == '{' ? new Set() : undefined, i: 0 })
      isKey = c == '{'
    } else if (c == '}' || c == ']') open.pop()
    else if (c == ',') {
      top.i++
      isKey = !!top.keys
    }
  }
  return found
}

/**
 * Accepts https URLs, http only on loopback hosts (local demos), and relative URLs.
 * Browsers strip tabs and newlines inside URLs ("java\tscript:"), read `\` as `/` and `//x` as
 * another host, and treat any `name:` before the first `/`, `?` or `#` as a scheme.
 */
const isUrl = (v: unknown): boolean =>
  typeof v == 'string' &&
  v != '' &&
  !/[\s\0-\x1f\x7f-\x9f\\]/.test(v) &&
  !v.startsWith('//') &&
  (!v.split(/[/?#]/)[0].includes(':') || ABS.test(v))

/**
 * Checks a config and returns it normalized: defaults filled in, purposes as an array in config
 * order, nothing shared with the input. Unknown keys and clamped values are reported to `warn`.
 * Throws one `CandorConfigError` listing every problem.
 *
 * @example
 * const config = validate(JSON.parse(script.textContent ?? ''), m => console.warn('Candor: ' + m))
 * config.purposes[0].id // 'necessary'
 */
export function validate(input: unknown, warn: (message: string) => void): ValidConfig {
  // A decision asked for before init(): the core hands on what it has, which is nothing.
  if (input === undefined) throw new CandorConfigError(['config: none yet; call init(config) first'])
  const errors: string[] = []
  if (typeof input == 'string') {
    const text = input
    try {
      input = JSON.parse(text)
    } catch (e) {
      throw new CandorConfigError([`config: expected JSON, got a syntax error (${(e as Error).message})`])
    }
    for (const p of twice(text)) errors.push(`${p}: expected a key given once, got it twice`)
  }
  const bad = (p: string, exp: string, v: unknown): undefined => {
    errors.push(`${p || 'config'}: expected ${exp}, got ${show(v)}`)
  }
  const is = (exp: string, ok: (v: unknown) => boolean): Chk => (v, p) => (ok(v) ? v : bad(p, exp, v))
  const re = (exp: string, r: RegExp): Chk => is(exp, v => typeof v == 'string' && r.test(v))
  const opt = (c: Chk, d?: unknown): Chk => (v, p, k) => (v === undefined ? d : c(v, p, k))
  const arr = (c: Chk): Chk => (v, p) =>
    Array.isArray(v) ? Array.from(v, (x: unknown, i) => c(x, `${p}[${i}]`)) : bad(p, 'an array', v)
  const map =
    (key: Chk, val: Chk, exp: string, min = 0): Chk =>
    (v, p) => {
      if (!isObj(v) || Object.keys(v).length < min) return bad(p, exp, v)
      const o: Obj = {}
      for (const k of Object.keys(v)) {
        if (BAD.includes(k)) continue
        key(k, at(p, k))
        o[k] = val(v[k], at(p, k), k)
      }
      return o
    }
  const fields = (spec: Record<string, Chk>, v: unknown, p: string, exp: string): Obj | undefined => {
    if (!isObj(v)) return bad(p, exp, v)
    const known = Object.keys(spec)
    for (const k of Object.keys(v)) {
      if (!known.includes(k) && !BAD.includes(k)) warn(`${at(p, k)}: unknown key, ignored`)
    }
    const o: Obj = {}
    for (const k of known) {
      // Own keys only: where another script polluted Object.prototype (`required: true`), every
      // purpose would otherwise be required, and so granted without asking.
      const r = spec[k](Object.hasOwn(v, k) ? v[k] : undefined, at(p, k))
      if (r !== undefined) o[k] = r
    }
    return o
  }

  const bool = is('a boolean', v => typeof v == 'boolean')
  const str = is('a non-empty string', v => typeof v == 'string' && v != '')
  const url = is('an https:// or relative URL', isUrl)
  const lang = re('a language code like "de" or "pt-BR"', LANG)
  const id = re('an id of a-z0-9_- starting with a-z, max 40', ID)
  const text: Chk = (v, p) =>
    typeof v == 'string' ? str(v, p) : map(lang, str, 'a text (string or {language: string})', 1)(v, p)
  const name = re('a name without spaces, ", comma, ; or =', COOKIE)

  const service: Chk = (v, p) =>
    fields(
      { id, name: str, provider: str, description: opt(text), country: opt(str), retention: opt(text),
        privacyUrl: opt(url), cookies: opt(arr(name), []), storage: opt(arr(name), []), indexedDB: opt(arr(name), []) },
      v, p, 'a service object'
    )

  const oneOf = (options: string[]): Chk =>
    is(options.slice(0, -1).join(', ') + ' or ' + options[options.length - 1], v => options.includes(v as string))
  const ms = is('a number of milliseconds from 0 to 10000', v => typeof v == 'number' && v >= 0 && v <= 1e4)

  const purpose: Chk = (v, p, key) => {
    const o = fields(
      { title: text, description: text, data: opt(text), legalBasis: opt(text), retention: opt(text),
        required: opt(bool, false), version: opt(is('an integer ≥ 1', v => Number.isSafeInteger(v) && (v as number) >= 1), 1),
        gpc: opt(bool), consentMode: opt(arr(oneOf(TYPES))), services: opt(arr(service), []) },
      v, p, 'a purpose object'
    )
    if (!o) return
    // A required purpose is always granted, so it cannot also be denied for GPC.
    if (o.gpc === undefined) o.gpc = key == 'marketing' && !o.required
    else if (o.gpc && o.required) bad(at(p, 'gpc'), 'false on a required purpose', true)
    const ids = ((o.services ?? []) as ({ id?: string } | undefined)[]).map(s => s?.id)
    ids.forEach((s, i) => {
      const j = ids.indexOf(s)
      if (s && j < i) bad(`${p}.services[${i}].id`, `an id unlike services[${j}]`, s)
    })
    return { id: key, ...o }
  }

  const lifetime: Chk = (v, p) => {
    if (typeof v != 'number' || !isFinite(v)) return bad(p, 'a finite number of days', v)
    const d = days(v)
    if (d != Math.round(v)) warn(`${p}: clamped to ${d} days, got ${v}`)
    return d
  }
  const domain: Chk = (v, p) => {
    const d = typeof v == 'string' ? v.toLowerCase().replace(/^\./, '') : ''
    // No top-level domain is all digits, so such a value is an IP address (or garbage), which
    // would only ever match that exact host (RFC 6265 §5.1.3) and is almost surely a mistake.
    if (d.length > 253 || !d.split('.').every(l => LABEL.test(l)) || /(^|\.)\d+$/.test(d)) return bad(p, 'a host name like "shop.example"', v)
    return d.includes('.') && !SUFFIXES.includes(d) ? d : bad(p, 'a site\'s own domain, not a public suffix like "com" or "co.uk"', v)
  }
  const sameSite: Chk = (v, p) =>
    ['Lax', 'Strict', 'None'].find(s => typeof v == 'string' && s.toLowerCase() == v.toLowerCase()) ??
    bad(p, 'Lax, Strict or None', v)
  const cookie: Chk = (v, p) =>
    fields(
      {
        name: opt(re('a name of A-Za-z0-9_.-, max 64', /^[\w.-]{1,64}$/), DEFAULT_COOKIE),
        domain: opt(domain),
        path: opt(re('a path starting with / without ; or spaces', /^\/[^\s\0-\x1f\x7f;]*$/), '/'),
        sameSite: opt(sameSite, 'Lax'),
        expiresDays: opt(lifetime, 180)
      },
      v === undefined ? {} : v, p, 'a cookie object'
    )

  const texts = map(
    (k, p) => (Object.hasOwn(en, k as string) ? k : warn(`${p}: unknown text key, ignored`)),
    is('a string', v => typeof v == 'string'),
    'an object of text key → string'
  )

  const css = re('a CSS value without ; { } < > \\ or url()', CSS)
  const ui: Chk = (v, p) =>
    fields(
      { layout: opt(oneOf(['bar', 'box', 'modal']), 'bar'), theme: opt(oneOf(['light', 'dark', 'auto']), 'auto'),
        reopenButton: opt(bool, false), accent: opt(re('a colour like "#0b57d0", "teal" or "rgb(11 87 208)"', COLOR)), radius: opt(css), font: opt(css) },
      v === undefined ? {} : v, p, 'a ui object'
    )
  const consentMode: Chk = (v, p) =>
    v === false || v === undefined
      ? v
      : fields(
          { waitForUpdate: opt(ms, 500), region: opt(arr(re('a region code like "DE" or "US-CA"', /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/))),
            adsDataRedaction: opt(bool, false), urlPassthrough: opt(bool, false) },
          v === true ? {} : v, p, 'true, false or a consentMode object'
        )
  // Checked against the purposes once they are known, below.
  const expression = re('a data-consent expression like "analytics/matomo"', /\S/)
  const integrations: Chk = (v, p) =>
    fields({ matomo: opt(expression), meta: opt(expression), uet: opt(expression) }, v === undefined ? {} : v, p, 'an integrations object')

  const seen = new Set<unknown>()
  const scan = (v: unknown, p: string): void => {
    if (!v || typeof v != 'object' || seen.has(v)) return
    seen.add(v)
    for (const k of Object.keys(v)) {
      const q = Array.isArray(v) ? `${p}[${k}]` : at(p, k)
      if (BAD.includes(k)) bad(q, 'a key other than ' + BAD, k)
      else scan((v as Obj)[k], q)
    }
  }

  let out: Obj | undefined
  try {
    scan(input, '')
    out = fields(
      {
        purposes: (v, p) => {
          const m = map(id, purpose, 'a non-empty object of purposes', 1)(v, p)
          return m && Object.values(m as Obj)
        },
        policyUrl: opt(url), imprintUrl: opt(url), cookie, language: opt(lang),
        texts: opt(map(lang, texts, 'an object of language → texts'), {}),
        logEndpoint: opt(url), reloadOnRevoke: opt(bool, false),
        ui, consentMode, respectGPC: opt(bool, true), integrations
      },
      input, '', 'a plain object'
    )
    const known = (out?.purposes || []) as { id: string; services?: { id: string }[] }[]
    for (const [name, e] of Object.entries((out?.integrations || {}) as Obj)) {
      const unknown = (e as string).trim().split(/\s+/).some(term => {
        const [pid, sid] = term.replace('!', '').split('/')
        const p = known.find(x => x?.id == pid)
        return !TERM.test(term) || !p || (sid && !p.services?.some(s => s?.id == sid))
      })
      if (unknown) bad(`integrations.${name}`, 'an expression of known purposes and services', e)
    }
  } catch {
    // Getters or proxies passed to init() may throw, and very deep nesting overflows the stack.
    errors.push('config: unreadable (a getter threw or nesting is too deep)')
  }
  if (errors.length) throw new CandorConfigError(errors)
  return out as unknown as ValidConfig
}
