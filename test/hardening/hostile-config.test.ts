// Issue 6: hostile configs. Every case ends in a CandorConfigError that names the config path and
// what was expected, or is ignored safely; nothing else is thrown, nothing is granted by default,
// Object.prototype stays clean and nothing the visitor chose is lost.
import { afterEach, describe, expect, it } from 'vitest'
import { check, clean, full, name, problems, put } from './config-input'
import type { Obj } from './config-input'

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
