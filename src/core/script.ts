import { attach } from './api'
import type { Env } from './consent'
import type { Vendors } from './integrations'

/**
 * What a script-tag build runs: finds the JSON config in the page and starts the one instance with
 * the vendor adapters that build carries, and what drives them. Errors are logged, never thrown: a
 * broken config must not break the shop page.
 *
 * @example
 * boot({ matomo, meta, uet }, connect) // candor-full.js
 */
export function boot(vendors?: Vendors, connect?: Env['connect']): void {
  let me = document.currentScript
  // DOM clobbering (`<img name="currentScript">`) can fake currentScript; only a real script counts.
  let script = me instanceof HTMLScriptElement && me
  // The lazily loaded parts sit beside this file, wherever the shop serves it from.
  let candor = attach(window, part => import(/* @vite-ignore */ new URL(`candor-${part}.js`, (script && script.src) || location.href).href), connect)
  let id = (script && script.dataset.config) || 'candor-config'
  let source = document.getElementById(id)
  if (candor && source) candor.init(source.textContent || '', vendors).catch(e => console.error(e))
  // Without the default element the page may still call candor.init(config) itself; a named one must exist.
  else if (candor && id != 'candor-config') console.error(`[candor] data-config="${id}": no element with that id`)
}
