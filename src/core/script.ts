import { attach } from './api'
import { CandorConfigError } from './config'

// The script-tag entry: finds the JSON config in the page and starts the one instance. Errors are
// logged, never thrown: a broken config must not break the shop page.
let me = document.currentScript
// DOM clobbering (`<img name="currentScript">`) can fake currentScript; only a real script counts.
let script = me instanceof HTMLScriptElement && me
// The lazily loaded part sits beside this file, wherever the shop serves it from.
let candor = attach(window, () => import(/* @vite-ignore */ new URL('candor-decide.js', (script && script.src) || location.href).href))
let id = (script && script.dataset.config) || 'candor-config'
let source = document.getElementById(id)
// Without the default element, the page may still call candor.init(config) itself.
if (candor && (source || id != 'candor-config')) {
  let config: unknown
  try {
    config = JSON.parse(source!.textContent!)
  } catch (e) {
    console.error(new CandorConfigError([`#${id}: expected an element with JSON, got ${e}`]))
  }
  if (config !== undefined) candor.init(config as Parameters<typeof candor.init>[0]).catch(e => console.error(e))
}
