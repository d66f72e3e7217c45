/**
 * A text shown to visitors: one string, or one string per language.
 *
 * @example
 * const title: Text = { de: 'Statistik', en: 'Statistics' }
 */
export type Text = string | { readonly [language: string]: string }

/**
 * A service (a tool or vendor) that receives data for a purpose.
 *
 * @example
 * const matomo: ServiceConfig = {
 *   id: 'matomo', name: 'Matomo', provider: 'InnoCraft Ltd.', country: 'NZ',
 *   retention: '13 months', privacyUrl: 'https://matomo.org/privacy-policy/',
 *   cookies: ['_pk_id.*', '_pk_ses.*'], storage: []
 * }
 */
export interface ServiceConfig {
  id: string
  name: string
  provider: string
  description?: Text
  country?: string
  retention?: Text
  privacyUrl?: string
  /** Cookie names; `*` matches any run of characters. */
  cookies?: string[]
  /** localStorage / sessionStorage keys; `*` matches any run of characters. */
  storage?: string[]
  /** IndexedDB database names; `*` matches any run of characters. */
  indexedDB?: string[]
}

/**
 * One reason for processing data, such as analytics or marketing.
 *
 * @example
 * const analytics: PurposeConfig = {
 *   title: { de: 'Statistik', en: 'Statistics' },
 *   description: 'Counts visits so we can improve the shop.',
 *   version: 2,
 *   services: [matomo]
 * }
 */
export interface PurposeConfig {
  title: Text
  description: Text
  /** What data is processed. */
  data?: Text
  /** Legal basis, e.g. "Art. 6 (1) a GDPR". */
  legalBasis?: Text
  /** How long the data is kept. */
  retention?: Text
  /** Always granted; cannot be switched off. */
  required?: boolean
  /** Bump when the purpose changes: visitors are asked about it again. Default 1. */
  version?: number
  /** Denied by default when the browser sends Global Privacy Control. */
  gpc?: boolean
  /** Google Consent Mode types this purpose grants, instead of the default mapping. */
  consentMode?: ConsentType[]
  services?: ServiceConfig[]
}

/**
 * A Google Consent Mode v2 consent type.
 *
 * @example
 * const types: ConsentType[] = ['ad_storage', 'ad_user_data', 'ad_personalization']
 */
export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage'

/**
 * Google Consent Mode v2 options.
 *
 * @example
 * const consentMode: ConsentModeConfig = { waitForUpdate: 800, region: ['DE', 'AT'], adsDataRedaction: true }
 */
export interface ConsentModeConfig {
  /** Milliseconds Google tags wait for the update after the default; default 500. */
  waitForUpdate?: number
  /** ISO 3166-2 regions the default applies to; all when absent. */
  region?: string[]
  adsDataRedaction?: boolean
  urlPassthrough?: boolean
}

/**
 * Look of the banner and the preference centre.
 *
 * @example
 * const ui: UiConfig = { layout: 'box', theme: 'auto', reopenButton: true, accent: '#0b6e4f' }
 */
export interface UiConfig {
  /** `bar` along the bottom (default), `box` in a corner, `modal` centred over a backdrop. */
  layout?: 'bar' | 'box' | 'modal'
  /** `auto` (default) follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark' | 'auto'
  /** A small floating button that reopens the preference centre. */
  reopenButton?: boolean
  /** CSS colour of buttons, switches and links. */
  accent?: string
  /** CSS length for the corners. */
  radius?: string
  /** CSS font-family list; without it, the page's font. */
  font?: string
}

/**
 * Vendors whose own consent APIs Candor drives, each with the `data-consent` expression that grants it.
 *
 * @example
 * const integrations: Integrations = { matomo: 'analytics/matomo', meta: 'marketing/meta', uet: 'marketing' }
 */
export interface Integrations {
  /** Matomo: `requireConsent`, then `setConsentGiven` / `forgetConsentGiven`. */
  matomo?: string
  /** Meta Pixel: `fbq('consent', 'revoke' | 'grant')`. */
  meta?: string
  /** Microsoft UET consent mode: `ad_storage`. */
  uet?: string
}

/**
 * Where the decision is stored.
 *
 * @example
 * const cookie: CookieConfig = { name: 'consent', domain: 'shop.example', expiresDays: 365 }
 */
export interface CookieConfig {
  name?: string
  domain?: string
  path?: string
  sameSite?: 'Lax' | 'Strict' | 'None'
  expiresDays?: number
}

/**
 * The configuration given to `init()` or in `<script type="application/json" id="candor-config">`.
 *
 * @example
 * const config: Config = {
 *   policyUrl: '/datenschutz',
 *   purposes: {
 *     necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
 *     analytics: { title: 'Statistics', description: 'Counts visits.', services: [matomo] }
 *   }
 * }
 */
export interface Config {
  purposes: { [id: string]: PurposeConfig }
  policyUrl?: string
  imprintUrl?: string
  cookie?: CookieConfig
  language?: string
  /** Per-language overrides of built-in UI strings: `{ de: { acceptAll: 'Alle erlauben' } }`. */
  texts?: { [language: string]: { [key: string]: string } }
  logEndpoint?: string
  reloadOnRevoke?: boolean
  ui?: UiConfig
  /** Google Consent Mode v2; on by default when the page has a `dataLayer` or `gtag`. */
  consentMode?: boolean | ConsentModeConfig
  /** Honour Global Privacy Control (default true). */
  respectGPC?: boolean
  integrations?: Integrations
}

/**
 * The banner's built-in texts, by key.
 *
 * @example
 * const l: Labels = config.labels!; l.acceptAll // 'Alle akzeptieren'
 */
export type Labels = typeof import('./texts').en

/** A service after validation. */
export interface Service extends Required<Pick<ServiceConfig, 'id' | 'name' | 'provider'>> {
  description?: Text
  country?: string
  retention?: Text
  privacyUrl?: string
  cookies: string[]
  storage: string[]
  indexedDB: string[]
}

/** A purpose after validation; `id` added, defaults filled in. */
export interface Purpose {
  id: string
  title: Text
  description: Text
  data?: Text
  legalBasis?: Text
  retention?: Text
  required: boolean
  version: number
  gpc: boolean
  consentMode?: ConsentType[]
  services: Service[]
}

/** The configuration after validation: every field present, purposes in config order. */
export interface ValidConfig {
  purposes: Purpose[]
  policyUrl?: string
  imprintUrl?: string
  cookie: { name: string; domain?: string; path: string; sameSite: 'Lax' | 'Strict' | 'None'; expiresDays: number }
  /** The visitor's language once the lazy part has resolved it (see `language.ts`). */
  language?: string
  /** The banner's texts in that language, overrides applied (see `texts.ts`). */
  labels?: Labels
  texts: { [language: string]: { [key: string]: string } }
  logEndpoint?: string
  reloadOnRevoke: boolean
  ui: Required<Pick<UiConfig, 'layout' | 'theme' | 'reopenButton'>> & Pick<UiConfig, 'accent' | 'radius' | 'font'>
  /** Absent: on when the page has a `dataLayer` or `gtag`. */
  consentMode?: false | Required<Omit<ConsentModeConfig, 'region'>> & Pick<ConsentModeConfig, 'region'>
  respectGPC: boolean
  integrations: Integrations
}

/** How a decision was made. */
export type Method = 'accept-all' | 'reject-all' | 'custom' | 'api' | 'gpc'

/**
 * What is stored after an explicit choice. `purposes` holds an answer for every purpose the
 * visitor was asked about, with the version of the purpose they answered; `deniedServices`
 * lists `purpose/service` keys switched off inside granted purposes.
 */
export interface ConsentRecord {
  id: string
  decidedAt: number
  updatedAt: number
  method: Method
  language: string
  /** Fingerprint of the config the visitor decided on (see `fingerprint`). */
  config: string
  purposes: { [id: string]: { granted: boolean; version: number } }
  deniedServices: string[]
}

/**
 * The visitor's consent as the page sees it (the value of `$consent`).
 *
 * @example
 * candor.$consent.subscribe(state => {
 *   if (state.purposes.analytics) startAnalytics()
 * })
 */
export interface ConsentState {
  /** Every configured purpose has an answer at its current version. */
  decided: boolean
  /** Optional purposes still to ask about (all of them on a first visit). */
  pending: string[]
  purposes: { [id: string]: boolean }
  /** Keyed `purpose/service`. */
  services: { [key: string]: boolean }
  id: string | null
  decidedAt: number | null
  updatedAt: number | null
  /** The browser sends Global Privacy Control and the config honours it (`respectGPC`). */
  gpc: boolean
}

/**
 * Proof of the latest decision.
 *
 * @example
 * fetch('/consent-log', { method: 'POST', body: JSON.stringify(candor.receipt()) })
 */
export interface Receipt {
  id: string
  decidedAt: string
  timestamp: string
  method: Method
  language: string
  purposes: { [id: string]: boolean }
  services: { [key: string]: boolean }
  versions: { [id: string]: number }
  /** Fingerprint of the config the decision was made on. */
  config: string
  /** Hex SHA-256 of the text the visitor saw when deciding in a UI; null otherwise. */
  textHash: string | null
  /** Whether the browser sent Global Privacy Control that the config honours; null when not known. */
  gpc: boolean | null
  /** The page the decision was made on, without query string or fragment; null when not known. */
  url: string | null
}

/**
 * How `acceptAll()` and `rejectAll()` were asked for: `pending` limits them to the purposes still
 * to ask about; `seen` is the text the visitor saw, hashed into the receipt.
 *
 * @example
 * candor.acceptAll({ pending: true, seen: banner.innerText })
 */
export interface AllOptions {
  pending?: boolean
  seen?: string
}

/** Choices for `set()`: purpose ids and `purpose/service` keys. */
export type Choices = { [purposeOrService: string]: boolean }
