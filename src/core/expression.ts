import type { ConsentState } from './types'

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
    const key = term.replace(/^!/, '')
    const not = key != term
    const p = key.split('/')[0]
    const map = key == p ? state.purposes : state.services
    // config.ts admits only ids like `a-b_2`, so a known key is also a well-formed term. Own keys
    // only: `constructor`, `__proto__` or `toString` in an expression must be unknown, never granted.
    if (!Object.hasOwn(state.purposes, p) || !Object.hasOwn(map, key)) return
    ok = (not ? !map[key] && !state.pending.includes(p) : map[key]) && ok
  }
  return ok
}
