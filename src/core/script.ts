import { attach } from './api'
import { CandorConfigError } from './config'

// The script-tag entry: finds the JSON config in the page and starts the one instance.
// Errors are logged, never thrown: a broken config must not break the shop page.
let api = attach(window)
let me = document.currentScript
// DOM clobbering (`<img name="currentScript">`) can fake currentScript; only a real script counts.
let id = (me instanceof HTMLScriptElement && me.getAttribute('data-config')) || 'candor-config'
let source = document.getElementById(id)
if (api && source) {
  try {
    let config: unknown
    try {
      config = JSON.parse(source.textContent || '')
    } catch (e) {
      throw new CandorConfigError([`#${id}: expected JSON, got a syntax error (${(e as Error).message})`])
    }
    api.init(config as Parameters<typeof api.init>[0])
  } catch (e) {
    console.error(e)
  }
} else if (api && id !== 'candor-config') {
  console.error(new CandorConfigError([`data-config="${id}": no element with that id`]))
}
