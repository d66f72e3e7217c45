import { matching } from './language'

/**
 * The built-in English texts of the banner and the preference centre: the defaults of
 * `config.texts`, whose keys are these. The lazy part resolves them for the visitor's language
 * into `labels`, so the UI chunk carries none of them. `{policy}` and `{imprint}` become links to `policyUrl` and
 * `imprintUrl` wherever they appear.
 *
 * @example
 * en.acceptAll // 'Accept all'
 */
export const en = {
  bannerTitle: 'Your privacy',
  bannerText:
    'We use cookies and similar technologies only with your consent. You can change or withdraw it at any time in the settings. {policy} · {imprint}',
  newText: 'New or changed since your last visit:',
  gpc: 'Your browser sends Global Privacy Control: “Accept all” leaves out what it objects to.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  settings: 'Settings',
  centreTitle: 'Privacy settings',
  save: 'Save choices',
  close: 'Close',
  alwaysOn: 'always on',
  data: 'Data',
  legalBasis: 'Legal basis',
  retention: 'Retention',
  services: 'Services',
  provider: 'Provider',
  country: 'Country',
  storage: 'Cookies and storage',
  policy: 'Privacy Policy',
  imprint: 'Imprint',
  consentId: 'Consent ID',
  lastDecision: 'Last decision'
}

/**
 * A key of a built-in text.
 *
 * @example
 * const key: Key = 'rejectAll'
 */
export type Key = keyof typeof en

/**
 * The built-in German texts, complete: the same keys as `en`.
 *
 * @example
 * de.acceptAll // 'Alle akzeptieren'
 */
export const de: typeof en = {
  bannerTitle: 'Ihre Privatsphäre',
  bannerText:
    'Wir nutzen Cookies und ähnliche Techniken nur mit Ihrer Einwilligung. Sie können sie jederzeit in den Einstellungen ändern oder widerrufen. {policy} · {imprint}',
  newText: 'Neu oder geändert seit Ihrem letzten Besuch:',
  gpc: 'Ihr Browser sendet Global Privacy Control: „Alle akzeptieren“ lässt aus, was es ablehnt.',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  settings: 'Einstellungen',
  centreTitle: 'Datenschutz-Einstellungen',
  save: 'Auswahl speichern',
  close: 'Schließen',
  alwaysOn: 'immer aktiv',
  data: 'Daten',
  legalBasis: 'Rechtsgrundlage',
  retention: 'Speicherdauer',
  services: 'Dienste',
  provider: 'Anbieter',
  country: 'Land',
  storage: 'Cookies und Speicher',
  policy: 'Datenschutzerklärung',
  imprint: 'Impressum',
  consentId: 'Einwilligungs-ID',
  lastDecision: 'Letzte Entscheidung'
}

/**
 * The built-in texts in one language, each from the overrides in `texts` for that language or
 * its primary language first, then the built-in ones, then English: never an empty label.
 *
 * @example
 * labels({ de: { acceptAll: 'Alle erlauben' } }, 'de-at').acceptAll // 'Alle erlauben'
 */
export function labels(texts: { [language: string]: { [key: string]: string } }, lang: string): typeof en {
  let sources = [...matching(texts, lang), ...matching({ de, en } as { [language: string]: { [key: string]: string } }, lang), texts.en || {}, en]
  let out = {} as typeof en
  for (let key of Object.keys(en) as Key[]) out[key] = sources.map(s => (s as { [key: string]: string | undefined })[key]).find(Boolean)!
  return out
}
