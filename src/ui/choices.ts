import type { Choices, ConsentState, Purpose } from '../core/types'

const key = (p: Purpose, s: { id: string }): string => p.id + '/' + s.id

/**
 * The choices of "Save choices" from the switches: every optional purpose, and each service as
 * switched but never granted inside a denied purpose (which `decide` would refuse).
 *
 * @example
 * custom(config.purposes, { analytics: true, 'analytics/matomo': false }) // { analytics: true, 'analytics/matomo': false, marketing: false, … }
 */
export function custom(purposes: Purpose[], on: Choices): Choices {
  let choices: Choices = {}
  for (let p of purposes) {
    if (p.required) continue
    choices[p.id] = !!on[p.id]
    for (let s of p.services) choices[key(p, s)] = !!on[p.id] && !!on[key(p, s)]
  }
  return choices
}

/**
 * The switches for the current state: every purpose and `purpose/service` as granted now.
 *
 * @example
 * switches(candor.$consent.get()) // { necessary: true, analytics: false, 'analytics/matomo': false, … }
 */
export const switches = (state: ConsentState): Choices => ({ ...state.purposes, ...state.services })

/**
 * The switches after the visitor flipped `name` to `value`: a purpose takes its services along, and
 * switching on a service switches on its purpose, since a service cannot be granted without it.
 *
 * @example
 * flip(config.purposes, {}, 'analytics/matomo', true) // { analytics: true, 'analytics/matomo': true }
 */
export function flip(purposes: Purpose[], on: Choices, name: string, value: boolean): Choices {
  let [pid, sid] = name.split('/')
  let next: Choices = { ...on, [name]: value }
  let p = purposes.find(x => x.id == pid)!
  if (!sid) for (let s of p.services) next[key(p, s)] = value
  else if (value) next[pid] = true
  return next
}
