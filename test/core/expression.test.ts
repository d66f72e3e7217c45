import { describe, expect, it } from 'vitest'
import { holds } from '../../src/core/expression'
import type { ConsentState } from '../../src/core/types'

const base = { id: null, decidedAt: null, updatedAt: null, gpc: false }

const firstVisit: ConsentState = {
  ...base,
  decided: false,
  pending: ['analytics', 'marketing'],
  purposes: { necessary: true, analytics: false, marketing: false },
  services: { 'analytics/matomo': false, 'analytics/hotjar': false, 'marketing/ads': false }
}

const answered: ConsentState = {
  ...base,
  decided: true,
  pending: [],
  purposes: { necessary: true, analytics: true, marketing: false },
  services: { 'analytics/matomo': true, 'analytics/hotjar': false, 'marketing/ads': false }
}

// A new purpose (version bump) is pending again while the others keep their answers.
const partly: ConsentState = {
  ...answered,
  decided: false,
  pending: ['marketing'],
  purposes: { necessary: true, analytics: false, marketing: false },
  services: { 'analytics/matomo': false, 'analytics/hotjar': false, 'marketing/ads': false }
}

const states = { 'a first visit': firstVisit, 'a visitor who answered': answered, 'a visitor asked again': partly }

describe('holds', () => {
  it.each([
    ['necessary', 'a first visit', true],
    ['analytics', 'a first visit', false],
    ['analytics', 'a visitor who answered', true],
    ['marketing', 'a visitor who answered', false],
    ['analytics/matomo', 'a first visit', false],
    ['analytics/matomo', 'a visitor who answered', true],
    ['analytics/hotjar', 'a visitor who answered', false],
    ['analytics necessary', 'a visitor who answered', true],
    ['analytics marketing', 'a visitor who answered', false],
    ['  analytics \n\t analytics/matomo  ', 'a visitor who answered', true],
    ['!marketing', 'a first visit', false],
    ['!marketing', 'a visitor who answered', true],
    ['!analytics', 'a visitor who answered', false],
    ['!necessary', 'a visitor who answered', false],
    ['!analytics', 'a visitor asked again', true],
    ['!marketing', 'a visitor asked again', false],
    ['!analytics/hotjar', 'a visitor who answered', true],
    ['!analytics/hotjar', 'a first visit', false],
    ['!analytics/matomo', 'a visitor who answered', false],
    ['!marketing/ads', 'a visitor asked again', false],
    ['analytics !marketing', 'a visitor who answered', true]
  ] as const)('%j for %s is %s', (expression, who, expected) => {
    expect(holds(expression, states[who])).toBe(expected)
  })

  it.each([
    '',
    '   ',
    'analyticz',
    'analytics/matomoo',
    'analytics/',
    '/matomo',
    'marketing/matomo',
    'Analytics',
    '1analytics',
    '!!analytics',
    '! analytics',
    'analytics!',
    'analytics/matomo/x',
    'analytics,marketing',
    'analytics analyticz',
    'analyticz marketing',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    '!constructor',
    'analytics/__proto__',
    'analytics/constructor'
  ])('treats %j as unknown instead of granting or denying it', expression => {
    expect(holds(expression, answered)).toBeUndefined()
    expect(holds(expression, firstVisit)).toBeUndefined()
  })

  it('knows ids with digits, dashes and underscores', () => {
    const state: ConsentState = {
      ...answered,
      purposes: { 'a-b_2': true },
      services: { 'a-b_2/x-1': true }
    }
    expect(holds('a-b_2 a-b_2/x-1', state)).toBe(true)
  })

  it('does not treat a service key as known when its purpose is missing', () => {
    const state: ConsentState = { ...answered, purposes: {}, services: { 'ghost/x': true } }
    expect(holds('ghost/x', state)).toBeUndefined()
  })
})
