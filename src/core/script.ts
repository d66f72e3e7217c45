import { attach } from './api'
import { CandorConfigError } from './config'

// The script-tag entry: finds the JSON config in the page and starts the one instance.
// Errors are logged, never thrown: a broken config must not break the shop page.
let me = document.currentScript
// DOM clobbering (`<img name="currentScript">`) can fake currentScript; only a real script counts.
let script = me instanceof HTMLScriptElement ? me : undefined
// The lazily loaded part sits beside this file, wherever the shop serves it from.
let base = (script && script.src) || location.href
let api = attach(window, () => import(/* @vite-ignore */ new URL('candor-decide.js', base).href))
let id = (script && script.getAttribute('data-config')) || 'candor-config'
let source = document.getElementById(id)
let parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new CandorConfigError([`#${id}: expected JSON, got a syntax error (${(e as Error).message})`])
  }
}
if (api && source) {
  // The executor runs at once, so init() still starts synchronously, before later tags in <head>.
  new Promise(resolve => resolve(api.init(parse(source.textContent || '') as Parameters<typeof api.init>[0]))).catch(e =>
    console.error(e)
  )
} else if (api && id !== 'candor-config') {
  console.error(new CandorConfigError([`data-config="${id}": no element with that id`]))
}
