import type { ReadableAtom } from 'nanostores'
import { guard } from '../guard'
import type { Config, ConsentState, Integrations } from '../types'
import type { GooglePage, ModeScope } from './consent-mode'
import { consentMode } from './consent-mode'
import type { Vendor } from './vendors'

/**
 * Vendor adapters by the name `config.integrations` gives them. Passed in rather than built in,
 * so a page only ships the ones it uses: `candor.js` has none, `candor-full.js` all.
 *
 * @example
 * const vendors: Vendors = { matomo }
 */
export type Vendors = { [name in keyof Integrations]?: Vendor }

/**
 * Starts Google Consent Mode when the config asks for it, or when the page has a `dataLayer` or
 * `gtag` and the config does not say no. Its "no consent yet" default goes out at once, so it
 * precedes Google's tags; then every change of `$consent` drives it, whoever made it, starting
 * with the stored decision. Call it before the state is first set. The config may not be
 * validated yet: the default only withholds, and grants come from `$consent`, which holds only
 * what a valid config allows.
 *
 * @example
 * integrate(window, config, () => purposes, $consent)
 */
export function integrate(win: GooglePage, config: Config, purposes: () => ModeScope[], $consent: ReadableAtom<ConsentState>): void {
  let mode = config.consentMode
  let update = mode !== false && (mode || win.dataLayer || win.gtag) && guard(consentMode)(win, Object(mode), purposes)
  if (update) $consent.listen(update)
}
