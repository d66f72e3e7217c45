import { describe, expect, it } from 'vitest'
import { validate } from '../../src/core/config'
import { derive } from '../../src/core/state'
import type { ConsentRecord } from '../../src/core/types'
import { all, custom, flip, switches } from '../../src/ui/choices'

const { purposes } = validate(
  {
    purposes: {
      necessary: { title: 'N', description: 'n', required: true, services: [{ id: 'shop', name: 'Shop', provider: 'Us' }] },
      analytics: { title: 'A', description: 'a', services: [{ id: 'matomo', name: 'Matomo', provider: 'Us' }, { id: 'hotjar', name: 'Hotjar', provider: 'Them' }] },
      marketing: { title: 'M', description: 'm', services: [{ id: 'meta', name: 'Meta', provider: 'Meta' }] }
    }
  },
  () => {}
)

const record = (answers: { [id: string]: boolean }, deniedServices: string[] = []): ConsentRecord => ({
  id: 'x',
  decidedAt: 1,
  updatedAt: 1,
  method: 'custom',
  language: 'en',
  config: 'f',
  purposes: Object.fromEntries(Object.entries(answers).map(([id, granted]) => [id, { granted, version: 1 }])),
  deniedServices
})

describe('all', () => {
  it('accept all grants every optional purpose and its services', () => {
    expect(all(purposes, derive(purposes, null), true)).toEqual({
      analytics: true,
      'analytics/matomo': true,
      'analytics/hotjar': true,
      marketing: true,
      'marketing/meta': true
    })
  })

  it('reject all denies every optional purpose and its services', () => {
    expect(all(purposes, derive(purposes, record({ analytics: true, marketing: true })), false)).toEqual({
      analytics: false,
      'analytics/matomo': false,
      'analytics/hotjar': false,
      marketing: false,
      'marketing/meta': false
    })
  })

  it('decides only the asked purposes and keeps the other answers, services included', () => {
    let state = derive(purposes, record({ analytics: true }, ['analytics/hotjar']))
    expect(state.pending).toEqual(['marketing'])
    expect(all(purposes, state, true, state.pending)).toMatchObject({ analytics: true, 'analytics/hotjar': false, marketing: true })
    expect(all(purposes, state, false, state.pending)).toMatchObject({ analytics: true, 'analytics/matomo': true, marketing: false })
  })

  it('under Global Privacy Control accept all leaves purposes marked gpc as they are', () => {
    expect(all(purposes, derive(purposes, null, true), true)).toMatchObject({ analytics: true, marketing: false, 'marketing/meta': false })
    expect(all(purposes, derive(purposes, record({ analytics: false, marketing: true }), true), true)).toMatchObject({ analytics: true, marketing: true })
    expect(all(purposes, derive(purposes, null, false), true)).toMatchObject({ marketing: true })
  })

  it('never names a required purpose', () => {
    expect(Object.keys(all(purposes, derive(purposes, null), false))).not.toContain('necessary')
  })
})

describe('custom', () => {
  it('names every optional purpose and never grants a service of a denied purpose', () => {
    expect(custom(purposes, { analytics: false, 'analytics/matomo': true, 'marketing/meta': true })).toEqual({
      analytics: false,
      'analytics/matomo': false,
      'analytics/hotjar': false,
      marketing: false,
      'marketing/meta': false
    })
  })

  it('keeps a service switched off inside a granted purpose', () => {
    expect(custom(purposes, { ...switches(derive(purposes, null)), analytics: true, 'analytics/matomo': true })).toMatchObject({
      analytics: true,
      'analytics/matomo': true,
      'analytics/hotjar': false
    })
  })
})

describe('flip', () => {
  it('a purpose takes its services along', () => {
    expect(flip(purposes, {}, 'analytics', true)).toEqual({ analytics: true, 'analytics/matomo': true, 'analytics/hotjar': true })
    expect(flip(purposes, { analytics: true, 'analytics/matomo': true }, 'analytics', false)).toEqual({
      analytics: false,
      'analytics/matomo': false,
      'analytics/hotjar': false
    })
  })

  it('switching on a service switches on its purpose, switching it off leaves the purpose on', () => {
    expect(flip(purposes, {}, 'marketing/meta', true)).toEqual({ marketing: true, 'marketing/meta': true })
    expect(flip(purposes, { analytics: true, 'analytics/matomo': true }, 'analytics/matomo', false)).toEqual({ analytics: true, 'analytics/matomo': false })
  })
})
