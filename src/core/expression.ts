import type { ConsentState } from './types'

const TERM = /^(!?)([a-z][a-z0-9_-]*)(?:\/([a-z][a-z0-9_-]*))?$/

// Own keys only: `constructor`, `__proto__` or `toString` in an expression must be unknown, never granted.
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/**
 * Evaluates a `data-consent` expression: whitespace-separated terms that must all hold.
 * A term is `purpose`, `purpose/service`, `!purpose` or `!purpose/service`. A negated term
 * holds only after the visitor answered and denied, never before a decision, so cookieless
 * fallbacks wait for an explicit "no". Returns undefined when the expression is malformed or
 * names a purpose or service the state does not know.
 *
 * @example
 * holds('analytics/matomo', $consent.get()) // true once Matomo is granted
 * holds('!marketing', $consent.get())       // true once marketing was denied
 * holds('analyticz', $consent.get())        // undefined: unknown purpose
 */
export function holds(expression: string, state: ConsentState): boolean | undefined {
  let ok = true
  for (const term of expression.trim().split(/\s+/)) {
    const m = TERM.exec(term)
    if (!m) return
    const [, not, p, s] = m
    const map = s ? state.services : state.purposes
    const key = s ? p + '/' + s : p
    if (!has(state.purposes, p) || !has(map, key)) return
    ok = (not ? map[key] === false && !state.pending.includes(p) : map[key] === true) && ok
  }
  return ok
}
