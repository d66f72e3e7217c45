import { fingerprint } from '../../src/core/outline'
import type { Config, ConsentRecord } from '../../src/core/types'

const DAY = 864e5

/**
 * A record as Candor writes it on `config` (which must have analytics and marketing), dated when
 * called: decided a day ago, analytics and marketing answered at version 1. For the hostile-state
 * tests, unit and browser alike.
 *
 * @example
 * encode(decision(config, true, false, { deniedServices: ['analytics/matomo'] }))
 */
export function decision(config: Config, analytics: boolean, marketing: boolean, o: Partial<ConsentRecord> = {}): ConsentRecord {
  let now = Date.now()
  return {
    id: 'q2Zr0w3pTnKxP1u8dVb-Ag',
    decidedAt: now - DAY,
    updatedAt: now - 1000,
    method: 'custom',
    language: 'en',
    config: fingerprint(config),
    purposes: { analytics: { granted: analytics, version: 1 }, marketing: { granted: marketing, version: 1 } },
    deniedServices: [],
    ...o
  }
}
