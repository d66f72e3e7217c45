// What a visitor's decisions must lead to, worked out apart from Candor: the decision stored, the
// state it gives on a config, and which gated tags may have run. The property tests (happy-dom and
// Chromium) compare Candor with it after every step.
import { holds } from '../../src/core/expression'
import { EMPTY } from '../../src/core/state'
import type { Choices, ConsentRecord, ConsentState } from '../../src/core/types'

/** A config as far as the model needs it: its purposes, in order, and their services. */
export interface Shape {
  purposes: { [id: string]: { required?: boolean; services?: { id: string }[] } }
}

/** A decision as stored: an answer per optional purpose, and the services denied inside the rest. */
export interface Decision {
  answers: { [purpose: string]: boolean }
  denied: string[]
}

/** What `$consent` must say of a decision on a config. */
export type Expected = Pick<ConsentState, 'decided' | 'pending' | 'purposes' | 'services'>

/**
 * Gated tags for every kind of expression: purposes, both at once, services, negations (which
 * hold only after a "no") and `personalisation`, a purpose only the changed config has.
 */
export const EXPRESSIONS = [
  'analytics',
  'marketing',
  'analytics marketing',
  '!analytics',
  '!marketing',
  'analytics/matomo',
  'marketing/meta',
  '!analytics marketing/meta',
  'personalisation',
  '!personalisation analytics'
]

/** `on` with one more purpose, `personalisation`: a config change that must ask again. */
export const withPersonalisation = <C extends { purposes: object }>(on: C): C => ({
  ...on,
  purposes: { ...on.purposes, personalisation: { title: 'Tips', description: 'Suggests products.' } }
})

const optional = (on: Shape): string[] => Object.keys(on.purposes).filter(p => !on.purposes[p]!.required)
const servicesOf = (on: Shape, p: string): string[] => (on.purposes[p]!.services ?? []).map(s => p + '/' + s.id)

/**
 * The state of `d` on `on`: a required purpose is granted, an optional one as answered, or
 * pending and denied without an answer; a service as its purpose, unless denied.
 */
export function expected(on: Shape, d: Decision | null): Expected {
  const state: Expected = { decided: true, pending: [], purposes: {}, services: {} }
  for (const p of Object.keys(on.purposes)) {
    const answered = !!d && Object.hasOwn(d.answers, p)
    if (!on.purposes[p]!.required && !answered) state.pending.push(p)
    state.purposes[p] = !!on.purposes[p]!.required || (answered && d!.answers[p]!)
    for (const s of servicesOf(on, p)) state.services[s] = state.purposes[p] && !d?.denied.includes(s)
  }
  state.decided = !state.pending.length
  return state
}

/**
 * The decision after `set(choices)`: what is named takes its value, the rest keeps its answer
 * (a pending purpose is denied). Throws where Candor must refuse the whole choice: an unknown
 * key, a required purpose switched off, a service granted inside a denied purpose.
 */
export function decide(on: Shape, d: Decision | null, choices: Choices): Decision {
  const now = expected(on, d)
  const granted = { ...now.purposes }
  const denied = new Set(d?.denied)
  for (const [key, value] of Object.entries(choices)) {
    const p = key.split('/')[0]!
    if (!Object.hasOwn(now.purposes, key) && !Object.hasOwn(now.services, key)) throw new Error(`"${key}": unknown`)
    if (on.purposes[p]!.required && !value) throw new Error(`"${key}": required`)
    if (key == p) granted[p] = value
    else if (value) denied.delete(key)
    else denied.add(key)
  }
  for (const [key, value] of Object.entries(choices)) {
    if (key.includes('/') && value && !granted[key.split('/')[0]!]) throw new Error(`"${key}": inside a denied purpose`)
  }
  return {
    answers: Object.fromEntries(optional(on).map(p => [p, granted[p]!])),
    denied: [...denied].filter(s => Object.hasOwn(now.services, s) && granted[s.split('/')[0]!])
  }
}

/**
 * "Accept all" or "Reject all"; `pending` (the banner's re-consent) decides only the purposes
 * still to ask about and keeps the other answers.
 */
export function all(on: Shape, d: Decision | null, value: boolean, pending = false): Decision {
  const asked = expected(on, d).pending
  const choices: Choices = {}
  for (const p of optional(on)) {
    if (pending && !asked.includes(p)) continue
    choices[p] = value
    if (value) for (const s of servicesOf(on, p)) choices[s] = true
  }
  return decide(on, d, choices)
}

/**
 * What "Save choices" sends after the visitor clicked the purpose switches `flips`, in order,
 * starting from the current state: a purpose switch takes its services along.
 */
export function saved(on: Shape, d: Decision | null, flips: string[]): Choices {
  const now = expected(on, d)
  const choices: Choices = {}
  for (const p of optional(on)) {
    const times = flips.filter(f => f == p).length
    choices[p] = now.purposes[p] !== (times % 2 == 1)
    for (const s of servicesOf(on, p)) choices[s] = choices[p] && (times ? true : now.services[s]!)
  }
  return choices
}

/** A stored record as a decision, to compare with the model's; null stays null. */
export const stored = (r: ConsentRecord | null): Decision | null =>
  r && {
    answers: Object.fromEntries(Object.entries(r.purposes).map(([p, a]) => [p, a.granted])),
    denied: [...r.deniedServices].sort()
  }

/** The model's decision in the same order as `stored` gives it. */
export const sorted = (d: Decision | null): Decision | null => d && { answers: d.answers, denied: [...d.denied].sort() }

/**
 * The gated tags of one page view. A tag runs once its expression holds and cannot be un-run,
 * and the gate activates each element at most once per page view: so what may have run is every
 * expression that held for some state of this view, and once only.
 */
export function pageView(): { ran: Set<string>; note: (state: Expected) => void } {
  const ran = new Set<string>()
  return { ran, note: state => EXPRESSIONS.forEach(e => holds(e, { ...EMPTY, ...state }) && ran.add(e)) }
}
