import type { Config } from './types'

/**
 * The visitor's language, shown by the banner and recorded in the receipt: `config.language`,
 * else `<html lang>`, else the browser's first language, else English; lower-cased, and English when it is no valid language tag (which
 * would make `toLocaleString` throw and the `lang` attribute wrong).
 *
 * @example
 * language(config, window) // 'de-at' on <html lang="de-AT">
 */
export function language(config: Pick<Config, 'language'>, win: Window): string {
  try {
    return new Intl.Locale(config.language || win.document.documentElement.lang || win.navigator.languages?.[0] || 'en').baseName.toLowerCase()
  } catch {
    return 'en'
  }
}

/**
 * The entries of a map keyed by language that serve `lang`: the exact tag, then its primary
 * language, in any case (BCP 47 tags are case-insensitive, and a "de-AT" visitor reads "de").
 *
 * @example
 * matching({ DE: 'Statistik', en: 'Statistics' }, 'de-at') // ['Statistik']
 */
export const matching = <T>(map: { readonly [language: string]: T }, lang: string): T[] =>
  [lang, lang.split('-')[0]].flatMap(want => Object.keys(map).filter(k => k.toLowerCase() == want).map(k => map[k]))
