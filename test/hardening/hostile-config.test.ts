// Issue 6: hostile configs. Every case ends in a CandorConfigError that names the config path and
// what was expected, or is ignored safely; nothing else is thrown, nothing is granted by default,
// Object.prototype stays clean and nothing the visitor chose is lost.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { validate } from '../../src/core/config'
import { CandorConfigError } from '../../src/core/error'
import { holds } from '../../src/core/expression'
import { derive } from '../../src/core/state'
import type { ValidConfig } from '../../src/core/types'

type Obj = Record<string, unknown>

/** A config that sets every field, so a hostile value can be put anywhere in it. */
const full = (): Obj => ({
  policyUrl: '/datenschutz',
  imprintUrl: 'https://shop.example/impressum',
  logEndpoint: '/consent-log',
  language: 'de',
  cookie: { name: 'consent', domain: 'shop.example', path: '/', sameSite: 'Lax', expiresDays: 180 },
  texts: { en: { acceptAll: 'Allow all' }, de: { acceptAll: 'Alle erlauben' } },
  ui: { layout: 'box', theme: 'dark', reopenButton: true, accent: '#0b57d0', radius: '4px', font: 'Georgia, serif' },
  consentMode: { waitForUpdate: 500, region: ['DE'] },
  integrations: { matomo: 'analytics/matomo' },
  purposes: {
    necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
    analytics: {
      title: { de: 'Statistik', en: 'Statistics' },
      description: 'Counts visits.',
      data: 'Pages viewed',
      legalBasis: 'Art. 6 (1) (a) GDPR',
      retention: '13 months',
      version: 2,
      services: [
        { id: 'matomo', name: 'Matomo', provider: 'Shop', description: 'Statistics.', country: 'DE', retention: '13 months',
          privacyUrl: '/datenschutz#matomo', cookies: ['_pk_id.*'], storage: ['pk_*'], indexedDB: ['matomo'] }
      ]
    },
    marketing: { title: 'Marketing', description: 'Ads.', services: [{ id: 'meta', name: 'Meta Pixel', provider: 'Meta' }] }
  }
})

/** `root` (a fresh `full()` unless given) with `value` at `path`; undefined deletes the key. */
const put = (path: (string | number)[], value: unknown, root: Obj = full()): Obj => {
  let node = root as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (value === undefined) delete node[last]
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true })
  return root
}

/** A path as errors name it: `purposes.analytics.services[0].privacyUrl`. */
const name = (path: (string | number)[]): string => path.map(k => (typeof k == 'number' ? `[${k}]` : '.' + k)).join('').replace(/^\./, '')

/** What validating `input` gives: the config or the errors, and the warnings. Throws anything else. */
function check(input: unknown): { config?: ValidConfig; errors?: string[]; warnings: string[] } {
  const warnings: string[] = []
  try {
    return { config: validate(input, m => warnings.push(m)), warnings }
  } catch (e) {
    if (!(e instanceof CandorConfigError)) throw e
    return { errors: e.errors, warnings }
  }
}

const UNREADABLE = 'config: unreadable (a getter threw or nesting is too deep)'

/**
 * What is wrong with how `input` was taken: it must end in errors that each name a path and what was
 * expected, or in a config that before any decision grants its required purposes only, and only
 * those the input itself marks required. Empty when all is well.
 */
function problems(input: unknown): string[] {
  const { config, errors } = check(input)
  if (errors) {
    if (!errors.length || errors.includes(UNREADABLE)) return ['no error, or the catch-all that would hide a crash: ' + errors.join()]
    return errors.filter(e => !/^(config: |\S[\s\S]*?: expected [\s\S]+, got )/.test(e))
  }
  const given = (typeof input == 'string' ? JSON.parse(input) : input) as { purposes: Record<string, Obj> }
  const state = derive(config!.purposes, null)
  const out: string[] = []
  for (const p of config!.purposes) {
    const own = given.purposes[p.id]
    if (p.required != (Object.hasOwn(own, 'required') && own.required === true)) out.push(`${p.id}: required is ${p.required}`)
    if (state.purposes[p.id] != p.required) out.push(`${p.id}: granted before a decision`)
    for (const s of p.services) if (state.services[p.id + '/' + s.id] != p.required) out.push(`${p.id}/${s.id}: granted before a decision`)
  }
  const optional = config!.purposes.filter(p => !p.required).map(p => p.id)
  if (state.pending.join() != optional.join()) out.push(`pending is ${state.pending.join()}, not ${optional.join()}`)
  return out
}

const clean = (): void => {
  expect(({} as Obj).polluted).toBeUndefined()
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE)
}
const PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort()
afterEach(clean)

describe('URLs', () => {
  const FIELDS: (string | number)[][] = [['policyUrl'], ['imprintUrl'], ['logEndpoint'], ['purposes', 'analytics', 'services', 0, 'privacyUrl']]
  const HOSTILE = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'javascript\u0000:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
    'vbscript:msgbox(1)',
    'blob:https://evil.example/1',
    '//evil.example/privacy',
    '\\\\evil.example/privacy',
    '/\\evil.example/privacy',
    'https:evil.example',
    'http://evil.example/privacy',
    ''
  ]
  for (const path of FIELDS) {
    it(`a javascript:, data:, protocol-relative or plain-http ${name(path)} is refused with an error naming ${name(path)}`, () => {
      for (const url of HOSTILE) {
        expect(check(put(path, url)).errors, url).toEqual([`${name(path)}: expected an https:// or relative URL, got ${JSON.stringify(url)}`])
      }
    })
  }
})

describe('prototype keys', () => {
  const LEVELS: (string | number)[][] = [
    [], ['purposes'], ['purposes', 'analytics'], ['purposes', 'analytics', 'title'], ['purposes', 'analytics', 'services', 0],
    ['texts'], ['texts', 'de'], ['cookie'], ['ui'], ['consentMode'], ['integrations']
  ]
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`a "${key}" key at any level of the config, from JSON or a script, is refused by its path and pollutes nothing`, () => {
      for (const level of LEVELS) {
        const path = name([...level, key])
        const input = put([...level, key], { polluted: 1, required: true, policyUrl: 'javascript:alert(1)' })
        for (const given of [input, JSON.stringify(input)]) {
          expect(check(given).errors, path).toEqual([`${path}: expected a key other than __proto__,constructor,prototype, got "${key}"`])
        }
      }
    })
  }

  it('keys a config only inherits through __proto__ in an object literal are ignored: no purpose becomes required', () => {
    const input = { ...full(), purposes: { ...(full().purposes as Obj), __proto__: { extra: { title: 'X', description: 'X' } } } }
    const analytics = { __proto__: { required: true }, title: 'Statistics', description: 'Counts visits.' }
    const { config } = check(put(['purposes', 'analytics'], analytics, put(['integrations'], undefined, input)))
    expect(config!.purposes.map(p => [p.id, p.required])).toEqual([['necessary', true], ['analytics', false], ['marketing', false]])
    expect(problems(input)).toEqual([])
  })

  it('on a page whose Object.prototype is already polluted, the inherited keys make no purpose required and no URL valid', () => {
    const polluted = { required: true, policyUrl: 'javascript:alert(1)', logEndpoint: 'https://evil.example/log' }
    Object.assign(Object.prototype, polluted)
    let result: ReturnType<typeof check>
    try {
      result = check(full())
    } finally {
      for (const k of Object.keys(polluted)) delete (Object.prototype as Obj)[k]
    }
    expect(result.errors).toBeUndefined()
    expect([result.config!.policyUrl, result.config!.logEndpoint]).toEqual(['/datenschutz', '/consent-log'])
    expect(result.config!.purposes.map(p => p.required)).toEqual([true, false, false])
    expect(problems(full())).toEqual([])
  })
})

describe('purpose ids', () => {
  const ID = 'expected an id of a-z0-9_- starting with a-z, max 40, got'
  const one = (id: string): Obj => ({ purposes: { [id]: { title: 'T', description: 'D' } } })
  it.each<[string, unknown, string[]]>([
    ['an empty purpose id', one(''), [`purposes[""]: ${ID} ""`]],
    ['a numeric purpose id', one('1'), [`purposes.1: ${ID} "1"`]],
    ['a purpose id with a space', one(' analytics'), [`purposes[" analytics"]: ${ID} " analytics"`]],
    ['a purpose id with a Cyrillic look-alike letter', one('\u0430nalytics'), [`purposes["\u0430nalytics"]: ${ID} "\u0430nalytics"`]],
    ['a purpose id with a slash', one('analytics/matomo'), [`purposes["analytics/matomo"]: ${ID} "analytics/matomo"`]],
    ['a purposes array', { purposes: [{ title: 'T', description: 'D' }] }, ['purposes: expected a non-empty object of purposes, got [{"title":"T","description":"D"}]']],
    ['a purposes number', { purposes: 1 }, ['purposes: expected a non-empty object of purposes, got 1']],
    ['a purposes string', { purposes: 'analytics' }, ['purposes: expected a non-empty object of purposes, got "analytics"']],
    ['a purposes Map', { purposes: new Map([['analytics', {}]]) }, ['purposes: expected a non-empty object of purposes, got {}']],
    ['a title given as an array of languages', put(['purposes', 'analytics', 'title'], ['en', 'Statistics']),
      ['purposes.analytics.title: expected a text (string or {language: string}), got ["en","Statistics"]']],
    ['a texts array', put(['texts'], [{ acceptAll: 'Yes' }]), ['texts: expected an object of language → texts, got [{"acceptAll":"Yes"}]']],
    ['a services object instead of an array', put(['purposes', 'analytics', 'services'], { matomo: { name: 'M', provider: 'P' } }),
      ['purposes.analytics.services: expected an array, got {"matomo":{"name":"M","provider":"P"}}',
        'integrations.matomo: expected an expression of known purposes and services, got "analytics/matomo"']]
  ])('%s is refused with an error naming it', (_, input, errors) => {
    expect(check(input).errors).toEqual(errors)
  })

  it('a purpose given twice in JSON text is refused naming it, instead of the last one silently winning', () => {
    const text = '{"purposes": {"analytics": {"title": "A", "description": "A", "services": [{"id": "matomo", "name": "M", "provider": "P"}]},' +
      ' "marketing": {"title": "M", "description": "M"}, "analytics": {"title": "B", "description": "B"}}}'
    expect(check(text).errors).toEqual(['purposes.analytics: expected a key given once, got it twice'])
  })

  it('a key given twice anywhere in JSON text is refused naming it, strings that look like keys included', () => {
    const text = JSON.stringify(full()).replace('"data":', '"data": "x", "data":').replace('"acceptAll":', '"x\\":": "1", "acceptAll": "\\"", "acceptAll":')
    expect(check(text).errors).toEqual([
      'texts.en.acceptAll: expected a key given once, got it twice',
      'purposes.analytics.data: expected a key given once, got it twice'
    ])
  })
})

describe('regex-like and ReDoS strings', () => {
  const EVIL = ['(a+)+$', '(a|aa)+$', '([a-zA-Z]+)*$', '.*', '[', '\\', '^$', '(?<x>a)\\k<x>', 'a'.repeat(30) + '!']
  const long = (s: string): string => s.repeat(Math.ceil(20_000 / s.length)) + '!'

  it('validation of a config with ReDoS strings in every id, text, name and expression finishes quickly', () => {
    const input = full()
    for (const s of EVIL.map(long)) {
      put(['purposes', s], { title: s, description: s }, input)
      put(['texts', 'de', 'acceptAll'], s, input)
      put(['cookie', 'name'], s, input)
      put(['cookie', 'domain'], s, input)
      put(['cookie', 'path'], '/' + s, input)
      put(['purposes', 'analytics', 'services', 0, 'cookies'], [s], input)
      put(['integrations', 'matomo'], s, input)
      put(['ui', 'font'], s, input)
      put(['language'], s, input)
      put(['policyUrl'], s, input)
    }
    const started = performance.now()
    const { errors } = check(input)
    expect(performance.now() - started).toBeLessThan(250)
    expect(errors!.length).toBeGreaterThan(EVIL.length)
  })

  it('regex syntax in texts, cookie names and storage keys is kept literally', () => {
    for (const s of EVIL) {
      const { config, errors } = check(put(['purposes', 'analytics', 'services', 0], {
        id: 'matomo', name: s, provider: s, description: { de: s, en: s }, cookies: s == '\\' ? [] : [s], storage: s == '\\' ? [] : [s]
      }, put(['texts', 'de', 'acceptAll'], s)))
      expect(errors, s).toBeUndefined()
      const service = config!.purposes[1].services[0]
      expect([service.name, service.provider, service.description, config!.texts.de.acceptAll], s).toEqual([s, s, { de: s, en: s }, s])
      if (s != '\\') expect([service.cookies, service.storage], s).toEqual([[s], [s]])
    }
  })

  it('regex syntax as a purpose id or cookie name is refused, and as a data-consent expression never holds', () => {
    const state = derive(check(full()).config!.purposes, null)
    for (const s of EVIL) {
      expect(check(put(['purposes', s], { title: 'T', description: 'D' })).errors, s).toEqual([
        `purposes[${JSON.stringify(s)}]: expected an id of a-z0-9_- starting with a-z, max 40, got ${JSON.stringify(s)}`
      ])
      expect(check(put(['cookie', 'name'], s)).errors, s).toEqual([`cookie.name: expected a name of A-Za-z0-9_.-, max 64, got ${JSON.stringify(s)}`])
      for (const e of [s, long(s), 'analytics/' + s, s + ' analytics']) expect(holds(e, state), e).toBeUndefined()
    }
  })

  it('no RegExp is ever built at run time in src/, so no input can become a pattern', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter(f => /\.tsx?$/.test(f))
    expect(files.length).toBeGreaterThan(20)
    const found = files.flatMap(f =>
      readFileSync(join('src', f), 'utf8').split('\n').flatMap((line, i) => (/\bRegExp\s*\(/.test(line) ? [`src/${f}:${i + 1}: ${line.trim()}`] : []))
    )
    expect(found).toEqual([])
  })
})

describe('cookie lifetime', () => {
  it.each<[unknown, number]>([[-5, 1], [0, 1], [-0, 1], [0.2, 1], [1e12, 400], [Number.MAX_VALUE, 400], [401, 400]])(
    'expiresDays %s is clamped into 1–400 days, to %s, with a warning naming cookie.expiresDays',
    (days, kept) => {
      const { config, warnings } = check(put(['cookie', 'expiresDays'], days))
      expect(config!.cookie.expiresDays).toBe(kept)
      expect(warnings).toEqual([`cookie.expiresDays: clamped to ${kept} days, got ${String(days)}`])
    }
  )

  it.each<[string, unknown, string]>([['NaN', NaN, 'NaN'], ['Infinity', Infinity, 'Infinity'], ['-Infinity', -Infinity, '-Infinity'],
    ['the string "30"', '30', '"30"'], ['null', null, 'null'], ['true', true, 'true'], ['an array [30]', [30], '[30]'],
    ['an object', { days: 30 }, '{"days":30}'], ['the BigInt 30n', 30n, 'bigint']])(
    'expiresDays %s is refused with an error naming cookie.expiresDays',
    (_, days, shown) => {
      expect(check(put(['cookie', 'expiresDays'], days)).errors).toEqual([`cookie.expiresDays: expected a finite number of days, got ${shown}`])
    }
  )
})

describe('cookie domain', () => {
  const SUFFIX = `expected a site's own domain, not a public suffix like "com" or "co.uk", got`
  it.each(['com', 'uk', 'localhost', 'co.uk', '.co.uk', 'CO.UK', 'com.au', 'github.io', 'herokuapp.com'])(
    'a cookie domain that is a public suffix (%s) is refused with an error naming cookie.domain',
    domain => {
      expect(check(put(['cookie', 'domain'], domain)).errors).toEqual([`cookie.domain: ${SUFFIX} ${JSON.stringify(domain)}`])
    }
  )

  it.each(['shop.co.uk', 'shop.github.io', 'evil.example', 'shop.com'])('a cookie domain with a name of its own (%s) is accepted', domain => {
    expect(check(put(['cookie', 'domain'], domain)).config!.cookie.domain).toBe(domain)
  })
})

describe('fuzzing', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype', 'purposes', 'title', 'description', 'required', 'version', 'gpc',
    'services', 'id', 'name', 'provider', 'cookies', 'cookie', 'domain', 'expiresDays', 'texts', 'en', 'de', 'acceptAll',
    'policyUrl', 'logEndpoint', 'ui', 'integrations', 'analytics', 'marketing', 'toString', 'valueOf', 'hasOwnProperty']
  const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }))
  const options = { key, maxDepth: 3, maxKeys: 5, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true,
    withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withObjectString: true }
  // A walk into the valid config by indices of keys, and what to put there.
  const mutation = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.anything({ ...options, maxDepth: 2 }), { nil: undefined }))
  const mutate = (root: Obj, [steps, value]: [number[], unknown]): Obj => {
    let path: (string | number)[] = []
    let node: unknown = root
    for (const step of steps) {
      // Into plain objects and arrays only: typed arrays refuse to redefine their items.
      if (!node || typeof node != 'object' || !(Array.isArray(node) || [Object.prototype, null].includes(Object.getPrototypeOf(node)))) break
      const keys = Object.keys(node as Obj)
      if (!keys.length) break
      const k = keys[step % keys.length]
      path.push(k)
      node = (node as Obj)[k]
    }
    return path.length ? put(path, value, root) : root
  }

  const holdsUp = (input: unknown): void => {
    const found = problems(input)
    if (found.length) throw new Error(found.join('\n'))
  }

  it('10,000 random values given as the config only ever end in CandorConfigError', () => {
    fc.assert(fc.property(fc.anything(options), holdsUp), { numRuns: 10_000 })
  }, 30_000)

  it('10,000 mutated valid configs end in CandorConfigError or in a config that grants nothing before a decision', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), ms => holdsUp(ms.reduce(mutate, full()))), { numRuns: 10_000 })
  }, 30_000)

  it('4,000 mutated configs given as JSON text end in CandorConfigError or in a config that grants nothing', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat(), fc.string({ maxLength: 3 }), (ms, at, junk) => {
        const text = JSON.stringify(ms.reduce(mutate, full()), (_, v: unknown) => (typeof v == 'bigint' ? String(v) : v))
        holdsUp(at % 4 ? text : text.slice(0, at % text.length) + junk + text.slice(at % text.length))
      }),
      { numRuns: 4_000 }
    )
  }, 30_000)
})
