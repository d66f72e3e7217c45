import { describe, expect, it } from 'vitest'
import { validate } from '../../src/core/config'
import { CandorConfigError } from '../../src/core/error'

type Obj = Record<string, unknown>

const base = (): Obj => ({ purposes: { analytics: { title: 'Statistics', description: 'Counts visits.' } } })
const withTop = (extra: Obj): Obj => ({ ...base(), ...extra })
const withPurpose = (extra: Obj): Obj => ({
  purposes: { analytics: { title: 'Statistics', description: 'Counts visits.', ...extra } }
})
const withService = (extra: Obj): Obj =>
  withPurpose({ services: [{ id: 'matomo', name: 'Matomo', provider: 'InnoCraft', ...extra }] })
const withCookie = (cookie: Obj): Obj => withTop({ cookie })

const UNREADABLE = 'config: unreadable (a getter threw or nesting is too deep)'
const run = (input: unknown) => {
  const warnings: string[] = []
  return { config: validate(input, m => warnings.push(m)), warnings }
}
const errorsOf = (input: unknown): string[] => {
  try {
    validate(input, () => {})
  } catch (e) {
    if (e instanceof CandorConfigError) return e.errors
    throw e
  }
  throw new Error('expected validate to throw')
}

describe('validate: errors', () => {
  const URL_EXP = 'expected an https:// or relative URL, got'
  const TEXT_EXP = 'expected a text (string or {language: string}), got'
  it.each<[string, unknown, string]>([
    ['a non-object config', [], 'config: expected a plain object, got []'],
    ['a null config', null, 'config: expected a plain object, got null'],
    ['a missing purposes object', {}, 'purposes: expected a non-empty object of purposes, got undefined'],
    ['an empty purposes object', { purposes: {} }, 'purposes: expected a non-empty object of purposes, got {}'],
    ['purposes given as an array', { purposes: [] }, 'purposes: expected a non-empty object of purposes, got []'],
    [
      'a purpose id with capitals',
      { purposes: { Stats: { title: 'T', description: 'D' } } },
      'purposes.Stats: expected an id of a-z0-9_- starting with a-z, max 40, got "Stats"'
    ],
    [
      'a purpose id longer than 40 characters',
      { purposes: { ['a'.repeat(41)]: { title: 'T', description: 'D' } } },
      `purposes.${'a'.repeat(41)}: expected an id of a-z0-9_- starting with a-z, max 40, got "${'a'.repeat(41)}"`
    ],
    ['a purpose that is not an object', { purposes: { analytics: 'yes' } }, 'purposes.analytics: expected a purpose object, got "yes"'],
    ['a missing title', { purposes: { analytics: { description: 'D' } } }, `purposes.analytics.title: ${TEXT_EXP} undefined`],
    ['an empty description', withPurpose({ description: '' }), 'purposes.analytics.description: expected a non-empty string, got ""'],
    ['an empty language map', withPurpose({ title: {} }), `purposes.analytics.title: ${TEXT_EXP} {}`],
    ['a text that is a number', withPurpose({ data: 5 }), `purposes.analytics.data: ${TEXT_EXP} 5`],
    [
      'a bad language code in a text',
      withPurpose({ legalBasis: { EN: 'Consent' } }),
      'purposes.analytics.legalBasis.EN: expected a language code like "de" or "pt-BR", got "EN"'
    ],
    [
      'an empty translation in a text',
      withPurpose({ retention: { de: '' } }),
      'purposes.analytics.retention.de: expected a non-empty string, got ""'
    ],
    ['a non-boolean required', withPurpose({ required: 'yes' }), 'purposes.analytics.required: expected a boolean, got "yes"'],
    ['a version of 0', withPurpose({ version: 0 }), 'purposes.analytics.version: expected an integer ≥ 1, got 0'],
    ['a fractional version', withPurpose({ version: 1.5 }), 'purposes.analytics.version: expected an integer ≥ 1, got 1.5'],
    ['a non-boolean gpc', withPurpose({ gpc: 1 }), 'purposes.analytics.gpc: expected a boolean, got 1'],
    [
      'gpc on a required purpose',
      withPurpose({ required: true, gpc: true }),
      'purposes.analytics.gpc: expected false on a required purpose, got true'
    ],
    ['services that are not an array', withPurpose({ services: {} }), 'purposes.analytics.services: expected an array, got {}'],
    ['a service that is not an object', withPurpose({ services: [null] }), 'purposes.analytics.services[0]: expected a service object, got null'],
    [
      'a service without id',
      withPurpose({ services: [{ name: 'N', provider: 'P' }] }),
      'purposes.analytics.services[0].id: expected an id of a-z0-9_- starting with a-z, max 40, got undefined'
    ],
    ['a service without name', withService({ name: undefined }), 'purposes.analytics.services[0].name: expected a non-empty string, got undefined'],
    ['a service with an empty provider', withService({ provider: '' }), 'purposes.analytics.services[0].provider: expected a non-empty string, got ""'],
    ['a service with a numeric country', withService({ country: 49 }), 'purposes.analytics.services[0].country: expected a non-empty string, got 49'],
    ['a service with a bad description', withService({ description: [] }), `purposes.analytics.services[0].description: ${TEXT_EXP} []`],
    ['a service with a bad retention', withService({ retention: '' }), 'purposes.analytics.services[0].retention: expected a non-empty string, got ""'],
    [
      'a service with a javascript: privacy URL',
      withService({ privacyUrl: 'javascript:alert(1)' }),
      `purposes.analytics.services[0].privacyUrl: ${URL_EXP} "javascript:alert(1)"`
    ],
    [
      'cookies that are not an array',
      withService({ cookies: '_ga' }),
      'purposes.analytics.services[0].cookies: expected an array, got "_ga"'
    ],
    [
      'a cookie name with a semicolon',
      withService({ cookies: ['_ga', 'a;b'] }),
      'purposes.analytics.services[0].cookies[1]: expected a name without spaces, ", comma, ; or =, got "a;b"'
    ],
    [
      'a storage key with a space',
      withService({ storage: ['a b'] }),
      'purposes.analytics.services[0].storage[0]: expected a name without spaces, ", comma, ; or =, got "a b"'
    ],
    ['a policy URL that is not a string', withTop({ policyUrl: 1 }), `policyUrl: ${URL_EXP} 1`],
    ['an imprint URL with a data: scheme', withTop({ imprintUrl: 'data:text/html,x' }), `imprintUrl: ${URL_EXP} "data:text/html,x"`],
    ['a log endpoint over plain http', withTop({ logEndpoint: 'http://log.example' }), `logEndpoint: ${URL_EXP} "http://log.example"`],
    ['a cookie setting that is not an object', withTop({ cookie: 'x' }), 'cookie: expected a cookie object, got "x"'],
    [
      'a cookie name with a space',
      withCookie({ name: 'my cookie' }),
      'cookie.name: expected a name of A-Za-z0-9_.-, max 64, got "my cookie"'
    ],
    ['a cookie domain with a port', withCookie({ domain: 'shop.example:8080' }), 'cookie.domain: expected a host name like "shop.example", got "shop.example:8080"'],
    ['a cookie domain that is an IP address', withCookie({ domain: '192.168.0.1' }), 'cookie.domain: expected a host name like "shop.example", got "192.168.0.1"'],
    ['a cookie domain with an empty label', withCookie({ domain: 'shop..example' }), 'cookie.domain: expected a host name like "shop.example", got "shop..example"'],
    ['a cookie domain starting with a hyphen', withCookie({ domain: '-shop.example' }), 'cookie.domain: expected a host name like "shop.example", got "-shop.example"'],
    ['a cookie path not starting with /', withCookie({ path: 'shop' }), 'cookie.path: expected a path starting with / without ; or spaces, got "shop"'],
    ['a cookie path with a semicolon', withCookie({ path: '/a;b' }), 'cookie.path: expected a path starting with / without ; or spaces, got "/a;b"'],
    ['an unknown sameSite', withCookie({ sameSite: 'lenient' }), 'cookie.sameSite: expected Lax, Strict or None, got "lenient"'],
    ['expiresDays as a string', withCookie({ expiresDays: '30' }), 'cookie.expiresDays: expected a finite number of days, got "30"'],
    ['expiresDays of NaN', withCookie({ expiresDays: NaN }), 'cookie.expiresDays: expected a finite number of days, got NaN'],
    ['expiresDays of Infinity', withCookie({ expiresDays: Infinity }), 'cookie.expiresDays: expected a finite number of days, got Infinity'],
    ['a bad language', withTop({ language: 'German' }), 'language: expected a language code like "de" or "pt-BR", got "German"'],
    ['texts that are not an object', withTop({ texts: 'de' }), 'texts: expected an object of language → texts, got "de"'],
    ['texts for a bad language', withTop({ texts: { DE: {} } }), 'texts.DE: expected a language code like "de" or "pt-BR", got "DE"'],
    ['texts of a language that are not an object', withTop({ texts: { de: [] } }), 'texts.de: expected an object of text key → string, got []'],
    ['a text that is not a string', withTop({ texts: { de: { acceptAll: 1 } } }), 'texts.de.acceptAll: expected a string, got 1'],
    ['a non-boolean reloadOnRevoke', withTop({ reloadOnRevoke: 'yes' }), 'reloadOnRevoke: expected a boolean, got "yes"'],
    ['ui that is not an object', withTop({ ui: 'dark' }), 'ui: expected a ui object, got "dark"'],
    ['an unknown layout', withTop({ ui: { layout: 'side' } }), 'ui.layout: expected bar, box or modal, got "side"'],
    ['an unknown theme', withTop({ ui: { theme: 'night' } }), 'ui.theme: expected light, dark or auto, got "night"'],
    ['a non-boolean reopenButton', withTop({ ui: { reopenButton: 1 } }), 'ui.reopenButton: expected a boolean, got 1'],
    [
      'an accent colour that ends the CSS declaration',
      withTop({ ui: { accent: 'red; background: url(//x)' } }),
      'ui.accent: expected a colour like "#0b57d0", "teal" or "rgb(11 87 208)", got "red; background: url(//x)"'
    ],
    [
      'an accent colour that would fetch an image',
      withTop({ ui: { accent: 'image-set("https://x/a.png" 1x)' } }),
      'ui.accent: expected a colour like "#0b57d0", "teal" or "rgb(11 87 208)", got "image-set(\\"https://x/a.png\\" 1x)"'
    ],
    ['a font that loads a URL', withTop({ ui: { font: 'url(https://x)' } }), 'ui.font: expected a CSS value without ; { } < > \\ or url(), got "url(https://x)"'],
    ['a consentMode that is a string', withTop({ consentMode: 'on' }), 'consentMode: expected true, false or a consentMode object, got "on"'],
    [
      'a negative waitForUpdate',
      withTop({ consentMode: { waitForUpdate: -1 } }),
      'consentMode.waitForUpdate: expected a number of milliseconds from 0 to 10000, got -1'
    ],
    ['a lowercase region', withTop({ consentMode: { region: ['de'] } }), 'consentMode.region[0]: expected a region code like "DE" or "US-CA", got "de"'],
    ['a non-boolean adsDataRedaction', withTop({ consentMode: { adsDataRedaction: 'yes' } }), 'consentMode.adsDataRedaction: expected a boolean, got "yes"'],
    [
      'an unknown Consent Mode type on a purpose',
      withPurpose({ consentMode: ['ads_storage'] }),
      'purposes.analytics.consentMode[0]: expected ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage or security_storage, got "ads_storage"'
    ],
    ['a non-boolean respectGPC', withTop({ respectGPC: 'no' }), 'respectGPC: expected a boolean, got "no"'],
    ['integrations that are not an object', withTop({ integrations: ['matomo'] }), 'integrations: expected an integrations object, got ["matomo"]'],
    ['an empty integration expression', withTop({ integrations: { matomo: ' ' } }), 'integrations.matomo: expected a data-consent expression like "analytics/matomo", got " "'],
    [
      'an integration for an unknown purpose',
      withTop({ integrations: { matomo: 'analyticz' } }),
      'integrations.matomo: expected an expression of known purposes and services, got "analyticz"'
    ],
    [
      'an integration for an unknown service',
      { ...withService({}), integrations: { meta: 'analytics/meta' } },
      'integrations.meta: expected an expression of known purposes and services, got "analytics/meta"'
    ]
  ])('reports %s', (_, input, message) => {
    expect(errorsOf(input)).toEqual([message])
  })

  it('reports a duplicate service id naming both positions', () => {
    const input = withPurpose({
      services: [
        { id: 'ga', name: 'A', provider: 'G' },
        { id: 'matomo', name: 'M', provider: 'I' },
        { id: 'ga', name: 'B', provider: 'G' }
      ]
    })
    expect(errorsOf(input)).toEqual([
      'purposes.analytics.services[2].id: expected an id unlike services[0], got "ga"'
    ])
  })

  it('allows the same service id in different purposes', () => {
    const svc = { id: 'ga', name: 'G', provider: 'Google' }
    const input = {
      purposes: {
        analytics: { title: 'A', description: 'A', services: [svc] },
        marketing: { title: 'M', description: 'M', services: [svc] }
      }
    }
    expect(run(input).config.purposes.map(p => p.services[0].id)).toEqual(['ga', 'ga'])
  })

  it('lists every problem at once in one error', () => {
    let error: unknown
    try {
      validate({ purposes: { analytics: { title: '', description: 'D', version: -1 } }, cookie: { sameSite: 'x' }, reloadOnRevoke: 1 }, () => {})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CandorConfigError)
    expect(error).toBeInstanceOf(Error)
    const e = error as CandorConfigError
    expect(e.name).toBe('CandorConfigError')
    expect(e.errors).toEqual([
      'purposes.analytics.title: expected a non-empty string, got ""',
      'purposes.analytics.version: expected an integer ≥ 1, got -1',
      'cookie.sameSite: expected Lax, Strict or None, got "x"',
      'reloadOnRevoke: expected a boolean, got 1'
    ])
    expect(e.message).toBe('Invalid Candor config:\n- ' + e.errors.join('\n- '))
  })

  it('shortens long offending values to about 60 characters', () => {
    const [message] = errorsOf(withTop({ policyUrl: 'javascript:' + 'x'.repeat(200) }))
    const shown = message.slice(message.indexOf('got ') + 4)
    expect(shown).toBe(('"javascript:' + 'x'.repeat(200)).slice(0, 59) + '…')
  })

  it('still reports a readable error when reading the config throws', () => {
    const input = {
      get purposes(): never {
        throw new Error('boom')
      }
    }
    expect(errorsOf(input)).toEqual([UNREADABLE])
  })

  it('reports instead of overflowing the stack on absurdly deep nesting', () => {
    let deep: unknown = []
    for (let i = 0; i < 200_000; i++) deep = [deep]
    expect(errorsOf(withTop({ ui: deep }))).toEqual([UNREADABLE])
  })

  it('copes with cyclic objects in settings it does not read', () => {
    const extra: Obj = {}
    extra.self = extra
    expect(run(withTop({ extra })).warnings).toEqual(['extra: unknown key, ignored'])
  })
})

describe('validate: defaults and normalisation', () => {
  it('fills in every default', () => {
    expect(run(base()).config).toEqual({
      purposes: [
        {
          id: 'analytics',
          title: 'Statistics',
          description: 'Counts visits.',
          required: false,
          version: 1,
          gpc: false,
          services: []
        }
      ],
      cookie: { name: 'candor_consent', path: '/', sameSite: 'Lax', expiresDays: 180 },
      texts: {},
      reloadOnRevoke: false,
      ui: { layout: 'bar', theme: 'auto', reopenButton: false },
      respectGPC: true,
      integrations: {}
    })
  })

  it('keeps purposes in config order with their ids', () => {
    const input = {
      purposes: {
        necessary: { title: 'N', description: 'N', required: true },
        marketing: { title: 'M', description: 'M' },
        analytics: { title: 'A', description: 'A' }
      }
    }
    expect(run(input).config.purposes.map(p => p.id)).toEqual(['necessary', 'marketing', 'analytics'])
  })

  it('turns GPC on by default only for marketing', () => {
    const input = {
      purposes: {
        marketing: { title: 'M', description: 'M' },
        analytics: { title: 'A', description: 'A' },
        social: { title: 'S', description: 'S', gpc: true }
      }
    }
    expect(run(input).config.purposes.map(p => p.gpc)).toEqual([true, false, true])
  })

  it('does not turn GPC on for a required marketing purpose', () => {
    const input = { purposes: { marketing: { title: 'M', description: 'M', required: true } } }
    expect(run(input).config.purposes[0].gpc).toBe(false)
  })

  it('fills in service defaults and keeps given fields', () => {
    const input = withService({
      description: { de: 'Zählt Besuche', en: 'Counts visits' },
      country: 'NZ',
      retention: '13 months',
      privacyUrl: 'https://matomo.org/privacy-policy/',
      cookies: ['_pk_id.*', '_pk_ses.*']
    })
    expect(run(input).config.purposes[0].services).toEqual([
      {
        id: 'matomo',
        name: 'Matomo',
        provider: 'InnoCraft',
        description: { de: 'Zählt Besuche', en: 'Counts visits' },
        country: 'NZ',
        retention: '13 months',
        privacyUrl: 'https://matomo.org/privacy-policy/',
        cookies: ['_pk_id.*', '_pk_ses.*'],
        storage: [],
        indexedDB: []
      }
    ])
  })

  it('normalises cookie settings', () => {
    const { config } = run(withCookie({ name: 'consent.v2', domain: '.Shop.Example', path: '/shop', sameSite: 'strict', expiresDays: 30.6 }))
    expect(config.cookie).toEqual({ name: 'consent.v2', domain: 'shop.example', path: '/shop', sameSite: 'Strict', expiresDays: 31 })
  })

  it.each<[number, number]>([
    [0, 1],
    [-5, 1],
    [1000, 400],
    [400.7, 400]
  ])('clamps expiresDays %s to %s days with a warning', (days, expected) => {
    const { config, warnings } = run(withCookie({ expiresDays: days }))
    expect(config.cookie.expiresDays).toBe(expected)
    expect(warnings).toEqual([`cookie.expiresDays: clamped to ${expected} days, got ${days}`])
  })

  it('keeps expiresDays inside 1–400 without warning', () => {
    const { config, warnings } = run(withCookie({ expiresDays: 400 }))
    expect(config.cookie.expiresDays).toBe(400)
    expect(warnings).toEqual([])
  })

  it('keeps language, texts and URLs', () => {
    const input = withTop({
      language: 'pt-BR',
      texts: { de: { acceptAll: 'Alle erlauben' } },
      policyUrl: '/datenschutz',
      imprintUrl: 'impressum.html',
      logEndpoint: 'https://log.example/consent',
      reloadOnRevoke: true
    })
    const { config } = run(input)
    expect(config).toMatchObject({
      language: 'pt-BR',
      texts: { de: { acceptAll: 'Alle erlauben' } },
      policyUrl: '/datenschutz',
      imprintUrl: 'impressum.html',
      logEndpoint: 'https://log.example/consent',
      reloadOnRevoke: true
    })
  })

  it('shares no object with the input', () => {
    const input = withService({ description: { en: 'x' }, cookies: ['a'] })
    const texts = { de: { acceptAll: 'Ja' } }
    Object.assign(input, { texts, cookie: { name: 'c' } })
    const { config } = run(input)
    const purposeIn = (input.purposes as { analytics: { services: Obj[] } }).analytics
    const serviceIn = purposeIn.services[0]
    const serviceOut = config.purposes[0].services[0]
    expect(config.purposes[0]).not.toBe(purposeIn)
    expect(config.purposes[0].services).not.toBe(purposeIn.services)
    expect(serviceOut).not.toBe(serviceIn)
    expect(serviceOut.description).not.toBe(serviceIn.description)
    expect(serviceOut.cookies).not.toBe(serviceIn.cookies)
    expect(config.texts).not.toBe(texts)
    expect(config.texts.de).not.toBe(texts.de)
    expect(config.cookie).not.toBe(input.cookie)
  })

  it('gives every service its own default lists', () => {
    const input = withPurpose({
      services: [
        { id: 'a', name: 'A', provider: 'A' },
        { id: 'b', name: 'B', provider: 'B' }
      ]
    })
    const [a, b] = run(input).config.purposes[0].services
    expect(a.cookies).not.toBe(b.cookies)
    expect(a.storage).not.toBe(b.storage)
  })
})

describe('validate: unknown keys', () => {
  it('warns about text keys the banner does not have, inherited names included', () => {
    expect(run(withTop({ texts: { de: { acceptAll: 'Ja', acept: 'x', 'accept-all': 'y' }, en: { toString: 'x' } } })).warnings).toEqual([
      'texts.de.acept: unknown text key, ignored',
      'texts.de.accept-all: unknown text key, ignored',
      'texts.en.toString: unknown text key, ignored'
    ])
  })

  it('warns about unknown keys at every level with their path and drops them', () => {
    const input = {
      purposes: {
        analytics: {
          title: 'A',
          description: 'A',
          colour: 'red',
          services: [{ id: 'ga', name: 'G', provider: 'Google', tracking: true }]
        }
      },
      cookie: { secure: true },
      theme: 'dark'
    }
    const { config, warnings } = run(input)
    expect(warnings).toEqual([
      'theme: unknown key, ignored',
      'purposes.analytics.colour: unknown key, ignored',
      'purposes.analytics.services[0].tracking: unknown key, ignored',
      'cookie.secure: unknown key, ignored'
    ])
    expect(config).not.toHaveProperty('theme')
    expect(config.purposes[0]).not.toHaveProperty('colour')
    expect(config.purposes[0].services[0]).not.toHaveProperty('tracking')
    expect(config.cookie).not.toHaveProperty('secure')
  })

  it('warns about keys that exist on Object.prototype', () => {
    expect(run(withTop({ toString: 'x', hasOwnProperty: 1 })).warnings).toEqual([
      'toString: unknown key, ignored',
      'hasOwnProperty: unknown key, ignored'
    ])
  })

  it('fills in Consent Mode defaults, keeps it off when false and automatic when absent', () => {
    expect(run(withTop({ consentMode: true })).config.consentMode).toEqual({ waitForUpdate: 500, adsDataRedaction: false, urlPassthrough: false })
    expect(run(withTop({ consentMode: { region: ['DE', 'US-CA'], urlPassthrough: true } })).config.consentMode).toEqual({
      waitForUpdate: 500, region: ['DE', 'US-CA'], adsDataRedaction: false, urlPassthrough: true
    })
    expect(run(withTop({ consentMode: false })).config.consentMode).toBe(false)
    expect(run(base()).config).not.toHaveProperty('consentMode')
  })

  it('keeps integrations whose expressions name known purposes and services', () => {
    const input = { ...withService({}), integrations: { matomo: 'analytics/matomo', uet: '!analytics' } }
    expect(run(input).config.integrations).toEqual({ matomo: 'analytics/matomo', uet: '!analytics' })
  })

})

describe('validate: prototype pollution', () => {
  const BAD_KEY = 'expected a key other than __proto__,constructor,prototype'

  it('refuses __proto__, constructor and prototype keys at any level', () => {
    const input: unknown = JSON.parse(`{
      "__proto__": { "polluted": 1 },
      "purposes": {
        "constructor": { "title": "T", "description": "D" },
        "analytics": {
          "title": { "en": "T", "__proto__": "x" }, "description": "D",
          "services": [{ "id": "a", "name": "N", "provider": "P", "prototype": { "polluted": 1 } }]
        }
      },
      "cookie": { "constructor": { "prototype": { "polluted": 1 } } },
      "texts": { "de": { "constructor": "x" } },
      "ui": { "deep": [{ "__proto__": { "polluted": 1 } }] }
    }`)
    expect(errorsOf(input)).toEqual([
      `__proto__: ${BAD_KEY}, got "__proto__"`,
      `purposes.constructor: ${BAD_KEY}, got "constructor"`,
      `purposes.analytics.title.__proto__: ${BAD_KEY}, got "__proto__"`,
      `purposes.analytics.services[0].prototype: ${BAD_KEY}, got "prototype"`,
      `cookie.constructor: ${BAD_KEY}, got "constructor"`,
      `texts.de.constructor: ${BAD_KEY}, got "constructor"`,
      `ui.deep[0].__proto__: ${BAD_KEY}, got "__proto__"`
    ])
    expect(({} as Obj).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})

describe('validate: URLs', () => {
  it.each<[string, boolean]>([
    ['https://ok.example', true],
    ['https://ok.example/privacy?x=1#top', true],
    ['HTTPS://ok.example', true],
    ['/ok', true],
    ['./ok', true],
    ['../ok', true],
    ['datenschutz.html', true],
    ['/path/with:colon', true],
    ['?page=privacy', true],
    ['http://localhost/x', true],
    ['http://127.0.0.1:5173/x', true],
    ['http://[::1]:8080', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['\\\\evil.example', false],
    ['http://evil.example', false],
    ['http://localhost.evil.example', false],
    ['http://localhost@evil.example', false],
    ['https://', false],
    ['https:evil.example', false],
    ['https:///evil.example', false],
    ['/ok\u0000', false],
    ['/ok\u00a0x', false],
    ['', false]
  ])('treats %j as accepted: %s', (url, accepted) => {
    const input = withTop({ policyUrl: url })
    if (accepted) expect(run(input).config.policyUrl).toBe(url)
    else expect(errorsOf(input)).toEqual([`policyUrl: expected an https:// or relative URL, got ${JSON.stringify(url)}`])
  })
})

describe('validate: fuzzing', () => {
  // mulberry32: a tiny seeded PRNG so failures can be reproduced.
  const prng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const rand = prng(0xc0ffee)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const KEYS = ['__proto__', 'constructor', 'prototype', 'purposes', 'title', 'description', 'services', 'id', 'name',
    'provider', 'cookies', 'cookie', 'domain', 'expiresDays', 'sameSite', 'texts', 'de', 'en', 'gpc', 'required',
    'version', 'policyUrl', 'marketing', 'toString', 'x']
  const STRINGS = ['', 'de', 'EN', 'marketing', 'javascript:alert(1)', '//evil', '/ok', 'https://ok.example', 'a;b',
    '\u0000', '\u2028', 'x'.repeat(100), '__proto__', 'Lax', '1.2.3.4', '.Shop.Example']
  const leaf = (): unknown =>
    pick<() => unknown>([
      () => pick(STRINGS),
      () => pick([0, -1, 1.5, 400, 1e308, NaN, Infinity, -Infinity, -0]),
      () => rand() < 0.5,
      () => null,
      () => undefined
    ])()
  const value = (depth: number): unknown => {
    if (depth <= 0 || rand() < 0.4) return leaf()
    if (rand() < 0.3) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth - 1))
    const o: Obj = {}
    for (let i = Math.floor(rand() * 4); i > 0; i--) {
      Object.defineProperty(o, pick(KEYS), { value: value(depth - 1), enumerable: true, writable: true, configurable: true })
    }
    return o
  }
  const valid = (): Obj => ({
    purposes: {
      necessary: { title: 'N', description: 'N', required: true },
      marketing: {
        title: { de: 'M', en: 'M' },
        description: 'M',
        services: [{ id: 'ga', name: 'G', provider: 'Google', cookies: ['_ga*'], privacyUrl: 'https://ok.example' }]
      }
    },
    cookie: { domain: 'shop.example', expiresDays: 30 },
    texts: { de: { acceptAll: 'Ja' } }
  })
  // Replaces, removes or adds one entry somewhere inside a valid config.
  const mutate = (root: Obj): unknown => {
    let node: unknown = root
    while (node && typeof node == 'object' && rand() < 0.7) {
      const keys = Object.keys(node)
      if (!keys.length) break
      const next = (node as Obj)[pick(keys)]
      if (!next || typeof next != 'object') break
      node = next
    }
    const target = node as Obj
    const keys = Object.keys(target)
    const r = rand()
    if (r < 0.2 && keys.length) delete target[pick(keys)]
    else {
      const key = r < 0.6 && keys.length ? pick(keys) : Array.isArray(target) ? String(keys.length) : pick(KEYS)
      Object.defineProperty(target, key, { value: value(3), enumerable: true, writable: true, configurable: true })
    }
    return root
  }

  it('only ever throws CandorConfigError for 5,000 random and mutated inputs', () => {
    let accepted = 0
    for (let i = 0; i < 5000; i++) {
      let input = i % 5 == 0 ? value(5) : mutate(valid())
      if (i % 2 == 0) input = mutate(input && typeof input == 'object' ? (input as Obj) : valid())
      if (i % 3 == 0) input = JSON.parse(JSON.stringify(input) ?? 'null')
      try {
        const config = validate(input, () => {})
        expect(config.purposes.length).toBeGreaterThan(0)
        accepted++
      } catch (e) {
        if (!(e instanceof CandorConfigError)) throw new Error(`input #${i} threw ${String(e)}: ${JSON.stringify(input)}`)
        expect(e.errors.length).toBeGreaterThan(0)
        // The catch-all for throwing getters must not be what hides a crash on plain data.
        expect(e.errors).not.toContain(UNREADABLE)
      }
    }
    expect(accepted).toBeGreaterThan(100)
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})

describe('validate on JSON text', () => {
  it('reads a config given as JSON text', () => {
    expect(validate('{"purposes":{"analytics":{"title":"T","description":"D"}}}', () => {}).purposes[0].id).toBe('analytics')
  })

  it('names a syntax error in JSON text', () => {
    expect(() => validate('{ "purposes": ', () => {})).toThrow('config: expected JSON, got a syntax error (')
  })
})
