import type { ReadableAtom } from 'nanostores'
import { holds } from '../expression'
import { guard } from '../guard'
import type { Config, ConsentState, Integrations } from '../types'
import type { Vendors } from '.'
import type { VendorPage } from './vendors'

/**
 * Drives the vendors' own consent APIs that `config.integrations` names, through the adapters in
 * `vendors`: each sends its "no consent yet" signal at once, so it precedes the vendor's tag, then
 * hears whenever whether its expression holds changes. A vendor function that throws cannot stop
 * the others: each starts guarded, and `$consent` guards its listeners. Given to `createCandor` by
 * the builds that carry adapters (`candor-full.js`, the ESM build); `candor.js` has none to drive,
 * so it leaves this out of the bytes every page view loads.
 *
 * @example
 * createCandor({ load, connect }).init(config, { matomo })
 */
export function connect(win: VendorPage, config: Config, vendors: Vendors, $consent: ReadableAtom<ConsentState>): void {
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
