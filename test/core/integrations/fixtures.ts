import { derive } from '../../../src/core/state'
import type { Config, ConsentState } from '../../../src/core/types'

/** A necessary purpose and analytics with Matomo, as the integrations see them. */
export const purposes = [
  { id: 'necessary', required: true, version: 1, services: [] },
  { id: 'analytics', required: false, version: 1, services: [{ id: 'matomo' }] }
]
export const config = (extra: Partial<Config>): Config => ({ purposes: {}, ...extra })
/** The state once the visitor answered analytics. */
export const answered = (analytics: boolean): ConsentState =>
  derive(purposes, {
    id: 'x'.repeat(22), decidedAt: 1, updatedAt: 1, method: 'custom', language: 'en', config: 'c',
    purposes: { analytics: { granted: analytics, version: 1 } }, deniedServices: []
  })
