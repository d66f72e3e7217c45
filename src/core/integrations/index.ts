import type { ReadableAtom } from 'nanostores'
import { holds } from '../expression'
import { guard } from '../guard'
import type { Config, ConsentState, Integrations } from '../types'
import type { GooglePage, ModeScope } from './consent-mode'
import { consentMode } from './consent-mode'
import type { Vendor, VendorPage } from './vendors'

/**
 * Vendor adapters by the name `config.integrations` gives them. Passed in rather than built in,
 * so a page only ships the ones it uses: `candor.js` has none, `candor-full.js` all.
 *
 * @example
 * const vendors: Vendors = { matomo }
 */
export type Vendors = { [name in keyof Integrations]?: Vendor }

/**
 * Connects decisions to the tools a shop runs: Google Consent Mode (when the config asks for it,
 * or when the page has a `dataLayer` or `gtag` and the config does not say no) and the vendors'
 * own consent APIs named in `integrations`, through the adapters in `vendors`. Their "no consent yet" signals go out at once, so they
 * precede the vendors' tags; then every change of `$consent` drives them, whoever made it, starting
 * with the stored decision. Call it before the state is first set. A vendor function that throws
 * cannot stop the others: each starts guarded, and `$consent` guards its listeners.
 * The config may not be validated yet: these signals only withhold, and grants come from
 * `$consent`, which holds only what a valid config allows.
 *
 * @example
 * integrate(window, config, { matomo }, () => purposes, $consent)
 */
export function integrate(
  win: GooglePage & VendorPage,
  config: Config,
  vendors: Vendors,
  purposes: () => ModeScope[],
  $consent: ReadableAtom<ConsentState>
): void {
  let mode = config.consentMode
  // Each starts on its own: a page that broke one vendor's queue must not keep the others' defaults back.
  let update = mode !== false && (mode || win.dataLayer || win.gtag) && guard(consentMode)(win, Object(mode), purposes)
  if (update) $consent.listen(update)
  for (let name in config.integrations) {
    let expression = config.integrations[name as keyof Integrations]!
    let vendor = Object.hasOwn(vendors, name) && vendors[name as keyof Integrations]
    // Without its adapter the lazy part, once it has checked the config, says where to get one.
    if (!vendor) continue
    let send = guard(vendor)(win)
    let last = false
    if (send) $consent.listen(state => {
      let granted = !!holds(expression, state)
      if (granted != last) send((last = granted))
    })
  }
}
