// Issue 6: hostile configs, continued: strings that look like patterns, and random configs.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { holds } from '../../src/core/expression'
import { derive } from '../../src/core/state'
import { check, clean, full, problems, put } from './config-input'
import type { Obj } from './config-input'

afterEach(clean)

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
