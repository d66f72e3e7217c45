import type { Candor } from './consent'
import type { ValidConfig } from './types'

/**
 * What the banner can show: the first layer, or the preference centre.
 *
 * @example
 * candor.showPreferences() // opens 'preferences'
 */
export type View = 'banner' | 'preferences'

/** The mounted banner and preference centre of one Candor. */
export interface Ui {
  /** Opens a view; opening what is already open does nothing. */
  show(view: View): void
}

/**
 * What the UI chunk (`candor-ui.js`) is given to mount itself. Mounted, it shows the banner by
 * itself whenever `$consent` says a decision is needed, and hides it once one is made.
 */
export interface UiEnv {
  candor: Candor
  /** The validated config. */
  config: ValidConfig
  window: Window & typeof globalThis
}

/**
 * The parts of Candor that are loaded only when needed, by name: `decide` (validator and
 * decision writer, `candor-decide.js`) and `ui` (banner and preference centre, `candor-ui.js`).
 * The core knows the UI only by this contract; it never imports its code.
 *
 * @example
 * const load: Load = part => import(`./candor-${part}.js`)
 */
export interface Parts {
  decide: typeof import('./decide')
  ui: { mount(env: UiEnv): Ui }
}

/** Loads a part by name. */
export type Load = <K extends keyof Parts>(part: K) => Promise<Parts[K]>
