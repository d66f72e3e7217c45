import { matching } from '../core/language'
import type { Text } from '../core/types'

/**
 * Resolves a config text for `lang`: the exact tag, then its primary subtag, then English, then
 * the first translation given, so a label is never empty.
 *
 * @example
 * pick({ de: 'Statistik', en: 'Statistics' }, 'de-at') // 'Statistik'
 */
export const pick = (text: Text, lang: string): string =>
  typeof text == 'string' ? text : matching(text, lang)[0] || text.en || Object.values(text)[0]
