import type { ModeScope } from './integrations/consent-mode'
import type { Config } from './types'

/** What the core needs from the config on every page view. */
export interface Outline {
  purposes: ModeScope[]
  cookie: { name: string; expiresDays: number }
  fingerprint: string
}

/** Default cookie name and lifetime, shared with the validator so both read a config alike. */
export const COOKIE = 'candor_consent'

/**
 * A short fingerprint of a config (32-bit FNV-1a of its JSON, base 36). A record carries the
 * fingerprint of the config it was decided on; when the page's config still has it, that config was
 * fully validated before and the core can apply the record without loading the validator.
 *
 * @example
 * fingerprint({ purposes: {} }) // '1xq3v0a'
 */
export function fingerprint(config: unknown): string {
  let h = 2166136261
  for (let c of JSON.stringify(config)) h = Math.imul(h ^ c.charCodeAt(0), 16777619)
  return (h >>> 0).toString(36)
}

/**
 * Reads what the core needs from a config without checking it; throws on garbage. Only safe to act
 * on once the config is known to be valid: validated now, or carrying a record's fingerprint.
 *
 * @example
 * outline(config).purposes.map(p => p.id) // ['necessary', 'analytics']
 */
export function outline(config: unknown): Outline {
  let c = config as Config
  let { name = COOKIE, expiresDays = 180 } = c.cookie || {}
  return {
    purposes: Object.keys(c.purposes).map(id => {
      // Own keys over defaults, so none is read through the prototype: where another script polluted
      // Object.prototype (`required: true`), that would grant every purpose.
      let p = { required: false, version: 1, services: [], ...c.purposes[id] }
      return { ...p, id, required: !!p.required, version: p.version || 1, services: p.services || [] }
    }),
    // Unclamped: the validator caps it at 400 days, as the cookie's Max-Age then is, and a page view
    // applies a record only while that cookie exists. A lifetime under a day only sends it to the validator.
    cookie: { name, expiresDays },
    fingerprint: fingerprint(config)
  }
}
