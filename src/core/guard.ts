/**
 * Reports an error the way the page's own uncaught errors are reported (window `error` event,
 * so error monitoring sees it), without throwing.
 *
 * @example
 * promise.catch(report)
 */
export const report = (e: unknown): void => (globalThis.reportError || console.error)(e)

/**
 * Wraps page or vendor code: what it throws is reported, never thrown at Candor, so one broken
 * callback cannot stop the gate, another listener or another vendor. Returns the result, or
 * undefined when it threw.
 *
 * @example
 * $consent.listen(guard(pageCallback))
 */
export const guard =
  <A extends unknown[], R>(fn: (...args: A) => R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args)
    } catch (e) {
      report(e)
    }
  }
