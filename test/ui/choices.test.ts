import { describe, expect, it } from 'vitest'
import { validate } from '../../src/core/config'
import { derive } from '../../src/core/state'
import { custom, flip, switches } from '../../src/ui/choices'

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
