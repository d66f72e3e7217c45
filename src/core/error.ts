// Its own module, so importing the error class (`instanceof` checks) does not pull in the validator.
/**
 * Thrown by `validate` with every problem found in a config, one per line.
 *
 * @example
 * try { validate(input, console.warn) } catch (e) {
 *   if (e instanceof CandorConfigError) console.error(e.errors)
 * }
 */
export class CandorConfigError extends Error {
  override name = 'CandorConfigError'
  constructor(readonly errors: string[]) {
    super('Invalid Candor config:\n' + errors.map(e => '- ' + e).join('\n'))
  }
}
