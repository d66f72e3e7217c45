import type { ReadableAtom } from 'nanostores'
import { holds } from '../expression'
import type { Config, ConsentState } from '../types'
import type { GooglePage, ModeScope } from './consent-mode'
import { consentMode } from './consent-mode'
import type { Vendor, VendorPage } from './vendors'
import { matomo, meta, uet } from './vendors'

const VENDORS: { [name: string]: Vendor } = { matomo, meta, uet }

/**
 * Connects decisions to the tools a shop runs: Google Consent Mode (when the config asks for it,
 * or when the page has a `dataLayer` or `gtag` and the config does not say no) and the vendors'
 * own consent APIs named in `integrations`. Their "no consent yet" signals go out at once, so they
 * precede the vendors' tags; then every change of `$consent` drives them, whoever made it.
 * The config may not be validated yet: these signals only withhold, and grants come from
 * `$consent`, which holds only what a valid config allows.
 *
 * @example
 * integrate(window, config, () => purposes, $consent, derive(purposes, null), console.error)
 */
export function integrate(
  win: GooglePage & VendorPage,
  config: Config,
  purposes: () => ModeScope[],
  $consent: ReadableAtom<ConsentState>,
  initial: ConsentState,
  report: (e: unknown) => void
): void {
  let jobs: ((state: ConsentState) => void)[] = []
  let mode = config.consentMode
  if (mode !== false && (mode || win.dataLayer || win.gtag)) jobs.push(consentMode(win, typeof mode == 'object' ? mode : {}, purposes, initial))
  for (let name in config.integrations) {
    let expression = config.integrations[name as keyof Config['integrations']]!
    if (!Object.hasOwn(VENDORS, name)) continue
    let send = VENDORS[name](win)
    let last = false
    jobs.push(state => {
      let granted = !!holds(expression, state)
      if (granted != last) send((last = granted))
    })
  }
  // A page's own gtag or fbq may throw; that must not stop Candor or the other vendors.
  let run = (state: ConsentState): void =>
    jobs.forEach(job => {
      try {
        job(state)
      } catch (e) {
        report(e)
      }
    })
  if ($consent.get().decided) run($consent.get())
  $consent.listen(run)
}
