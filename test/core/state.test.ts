import { describe, expect, it } from 'vitest'
import { decide, derive } from '../../src/core/state'
import type { ConsentRecord, Purpose } from '../../src/core/types'

const purpose = (id: string, extra: Partial<Purpose> = {}): Purpose => ({
  id,
  title: id,
  description: id,
  required: false,
  version: 1,
  gpc: false,
  services: [
    { id: 'a', name: 'A', provider: 'P', cookies: [], storage: [], indexedDB: [] },
    { id: 'b', name: 'B', provider: 'P', cookies: [], storage: [], indexedDB: [] }
  ],
  ...extra
})

const purposes = [purpose('necessary', { required: true }), purpose('analytics'), purpose('marketing')]
const env = { now: 1_700_000_000_000, language: 'de', config: 'cfg', id: () => 'x'.repeat(22) }

const record = (answers: ConsentRecord['purposes'], deniedServices: string[] = []): ConsentRecord => ({
  id: 'r'.repeat(22),
  decidedAt: 1,
  updatedAt: 2,
  method: 'custom',
  language: 'en',
  config: 'abc',
  purposes: answers,
  deniedServices
})

describe('derive', () => {
  it('denies every optional purpose and asks about it on a first visit', () => {
    expect(derive(purposes, null)).toEqual({
      decided: false,
      pending: ['analytics', 'marketing'],
      purposes: { necessary: true, analytics: false, marketing: false },
      services: {
        'necessary/a': true,
        'necessary/b': true,
        'analytics/a': false,
        'analytics/b': false,
        'marketing/a': false,
        'marketing/b': false
      },
      id: null,
      decidedAt: null,
      updatedAt: null,
      gpc: false
    })
  })

  it('asks again only about a purpose that was added, keeping the other answers', () => {
    let state = derive(purposes, record({ analytics: { granted: true, version: 1 } }))
    expect(state).toMatchObject({ decided: false, pending: ['marketing'], purposes: { analytics: true, marketing: false } })
  })

  it('asks again about a purpose whose version was bumped and denies it meanwhile', () => {
    let bumped = [purposes[0], purpose('analytics', { version: 2 }), purposes[2]]
    let state = derive(bumped, record({ analytics: { granted: true, version: 1 }, marketing: { granted: true, version: 1 } }))
    expect(state).toMatchObject({ pending: ['analytics'], purposes: { analytics: false, marketing: true } })
  })

  it('ignores answers for purposes the config no longer has', () => {
    let state = derive(purposes, record({ tracking: { granted: true, version: 1 } }))
    expect(state.purposes).toEqual({ necessary: true, analytics: false, marketing: false })
    expect(state.pending).toEqual(['analytics', 'marketing'])
  })

  it('keeps a switched-off service denied inside a granted purpose', () => {
    let state = derive(purposes, record({ analytics: { granted: true, version: 1 }, marketing: { granted: false, version: 1 } }, ['analytics/b']))
    expect(state.services).toMatchObject({ 'analytics/a': true, 'analytics/b': false })
    expect(state.decided).toBe(true)
  })
})

describe('decide', () => {
  it('answers every optional purpose, denying those not named on a first visit', () => {
    let r = decide(purposes, null, { analytics: true }, 'api', env)
    expect(r).toEqual({
      id: 'x'.repeat(22),
      decidedAt: env.now,
      updatedAt: env.now,
      method: 'api',
      language: 'de',
      config: 'cfg',
      purposes: { analytics: { granted: true, version: 1 }, marketing: { granted: false, version: 1 } },
      deniedServices: []
    })
  })

  it('keeps the consent id and first date and earlier answers when changing one purpose', () => {
    let before = record({ analytics: { granted: true, version: 1 }, marketing: { granted: true, version: 1 } }, ['marketing/a'])
    let r = decide(purposes, before, { analytics: false }, 'custom', env)
    expect(r).toMatchObject({ id: before.id, decidedAt: 1, updatedAt: env.now, deniedServices: ['marketing/a'] })
    expect(r.purposes).toEqual({ analytics: { granted: false, version: 1 }, marketing: { granted: true, version: 1 } })
  })

  it('switches a single service off and on again', () => {
    let off = decide(purposes, null, { analytics: true, 'analytics/b': false }, 'custom', env)
    expect(off.deniedServices).toEqual(['analytics/b'])
    expect(decide(purposes, off, { 'analytics/b': true }, 'custom', env).deniedServices).toEqual([])
  })

  it('refuses unknown keys, non-boolean values, switching off a required purpose and orphan services, applying nothing', () => {
    expect(() =>
      decide(purposes, null, { analyticz: true, 'analytics/zz': true, marketing: 'yes' as unknown as boolean, necessary: false, 'marketing/a': true }, 'api', env)
    ).toThrow(
      '[candor] set(): "analyticz": unknown purpose or service; "analytics/zz": unknown purpose or service; ' +
        '"marketing": expected true or false, got "yes"; "necessary": required, cannot be switched off; ' +
        '"marketing/a": cannot grant a service while its purpose "marketing" is denied; grant "marketing" too'
    )
  })

  it('treats prototype keys as unknown purposes', () => {
    expect(() => decide(purposes, null, JSON.parse('{"__proto__": true, "constructor": true}'), 'api', env)).toThrow(
      '"__proto__": unknown purpose or service; "constructor": unknown purpose or service'
    )
  })
})
