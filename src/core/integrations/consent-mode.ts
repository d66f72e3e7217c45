import type { Scope } from '../state'
import { EMPTY } from '../state'
import type { ConsentModeConfig, ConsentState, ConsentType } from '../types'

/** A page that may run Google tags. */
export type GooglePage = Window & { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void }

/** The purposes' part Consent Mode reads: their Consent Mode types, if the config names them. */
export type ModeScope = Scope & { consentMode?: ConsentType[] }

// The mapping a shop would pick itself; '' is for required purposes. A purpose's `consentMode`
// list replaces it. Together the lists name all seven types.
const MAP: { [purpose: string]: string } = {
  '': 'functionality_storage security_storage',
  analytics: 'analytics_storage',
  marketing: 'ad_storage ad_user_data ad_personalization',
  personalization: 'personalization_storage'
}
const TYPES = Object.values(MAP).join(' ').split(' ')

/**
 * The Consent Mode value of every type: granted only when every purpose mapped to it is granted.
 * Types no purpose maps to stay denied.
 *
 * @example
 * consentTypes(purposes, $consent.get()).analytics_storage // 'granted' | 'denied'
 */
export function consentTypes(purposes: ModeScope[], state: ConsentState): { [type in ConsentType]: 'granted' | 'denied' } {
  let out: { [type: string]: 'granted' | 'denied' } = {}
  for (let p of purposes) {
    for (let t of p.consentMode || MAP[p.required ? '' : p.id]?.split(' ') || []) {
      out[t] = out[t] != 'denied' && state.purposes[p.id] ? 'granted' : 'denied'
    }
  }
  for (let t of TYPES) out[t] ||= 'denied'
  return out as { [type in ConsentType]: 'granted' | 'denied' }
}

/**
 * Starts Google Consent Mode v2: sends the default at once, so it precedes every Google tag placed
 * after Candor, and returns what sends the update and the `candor_consent` dataLayer event for a
 * state. The default denies every type, even those of required purposes: before the config is
 * validated nothing may be granted, and once the state is known (at once for a returning visitor)
 * the update grants what it allows. Creates `dataLayer` and `gtag` when the page has not.
 *
 * @example
 * const update = consentMode(window, { waitForUpdate: 500 }, () => purposes)
 * $consent.listen(update)
 */
export function consentMode(win: GooglePage, options: ConsentModeConfig, purposes: () => ModeScope[]): (state: ConsentState) => void {
  let push = (entry: unknown): number => (win.dataLayer = win.dataLayer || []).push(entry)
  // Exactly Google's snippet: tags read gtag() calls as `arguments` objects, not as arrays.
  let gtag =
    win.gtag ||
    (win.gtag = function () {
      push(arguments)
    })
  let { waitForUpdate = 500, region, adsDataRedaction, urlPassthrough } = options
  gtag('consent', 'default', { ...consentTypes([], EMPTY), wait_for_update: waitForUpdate, ...(region && { region }) })
  if (adsDataRedaction) gtag('set', 'ads_data_redaction', true)
  if (urlPassthrough) gtag('set', 'url_passthrough', true)
  return state => {
    gtag('consent', 'update', consentTypes(purposes(), state))
    push({ event: 'candor_consent', candor: { purposes: state.purposes, services: state.services } })
  }
}
