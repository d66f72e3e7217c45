import type { Text, ValidConfig } from '../core/types'
import { de, en } from './texts'
import type { Key } from './texts'

type ByLanguage<T> = { readonly [language: string]: T }

const builtIn: ByLanguage<typeof en> = { de, en }

// BCP 47 tags are case-insensitive, and a "de-AT" visitor reads "de" texts.
const entries = <T>(map: ByLanguage<T>, lang: string): T[] =>
  [lang, lang.split('-')[0]].flatMap(want => Object.keys(map).filter(k => k.toLowerCase() == want).map(k => map[k]))

/**
 * Resolves a config text for `lang`: the exact tag, then its primary subtag, then English, then
 * the first translation given, so a label is never empty.
 *
 * @example
 * pick({ de: 'Statistik', en: 'Statistics' }, 'de-at') // 'Statistik'
 */
export const pick = (text: Text, lang: string): string =>
  typeof text == 'string' ? text : entries(text, lang)[0] || text.en || Object.values(text)[0]

/**
 * Returns the lookup of built-in texts for `lang`, overrides from `config.texts` first; missing
 * or empty ones fall back to English. Warns once about each override key that no built-in text has.
 *
 * @example
 * const t = translator(config, 'de', console.warn)
 * t('acceptAll') // 'Alle akzeptieren', or config.texts.de.acceptAll
 */
export function translator(config: Pick<ValidConfig, 'texts'>, lang: string, warn: (message: string) => void): (key: Key) => string {
  let own = config.texts
  for (let l in own) for (let k in own[l]) if (!Object.hasOwn(en, k)) warn(`texts.${l}.${k}: unknown text key, ignored`)
  let sources = [...entries(own, lang), ...entries(builtIn, lang), own.en || {}, en]
  return key => sources.map(s => (s as { [key: string]: string | undefined })[key]).find(Boolean)!
}
