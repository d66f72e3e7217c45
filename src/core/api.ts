import { MARK, createCandor } from './consent'
import type { Candor } from './consent'
import type { Load } from './parts'

type Host = Window & typeof globalThis & { candor?: unknown }

/**
 * Installs `window.candor` unless another copy of Candor already owns the page (then returns
 * undefined). An array already there is the queue of `candor.push` calls made before loading.
 *
 * @example
 * const candor = attach(window, part => import(`./candor-${part}.js`))
 * candor?.init(config)
 */
export function attach(win: Host, load: Load): Candor | undefined {
  let existing = win.candor
  if ((existing as Candor | undefined)?.[MARK]) return
  return (win.candor = createCandor({ window: win, load, queue: Array.isArray(existing) ? [...existing] : [] }))
}

/**
 * The page's Candor: the one `attach` installs, or the one another copy already installed.
 *
 * @example
 * page(window, part => import(`./candor-${part}.js`)).granted('analytics')
 */
export const page = (win: Host, load: Load): Candor => attach(win, load) || (win.candor as Candor)
