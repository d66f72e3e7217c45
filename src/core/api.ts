import { MARK, createCandor } from './consent'
import type { Candor, Env } from './consent'
import type { Load } from './parts'

type Host = Window & typeof globalThis & { candor?: unknown }

/**
 * Installs `window.candor` unless another copy of Candor already owns the page (then returns
 * undefined). An array already there is the queue of `candor.push` calls made before loading.
 *
 * @example
 * const candor = attach(window, part => import(`./candor-${part}.js`), connect)
 * candor?.init(config)
 */
export function attach(win: Host, load: Load, connect?: Env['connect']): Candor | undefined {
  let existing = win.candor
  if ((existing as Candor | undefined)?.[MARK]) return
  return (win.candor = createCandor({ window: win, load, connect, queue: Array.isArray(existing) ? [...existing] : [] }))
}

/**
 * The page's Candor: the one `attach` installs, or the one another copy already installed.
 *
 * @example
 * page(window, part => import(`./candor-${part}.js`), connect).granted('analytics')
 */
export const page = (win: Host, load: Load, connect?: Env['connect']): Candor => attach(win, load, connect) || (win.candor as Candor)
