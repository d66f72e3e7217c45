// The real libraries under test, each with its vendor's recommended snippet turned into Candor
// markup: the snippet's loader becomes a gated external script on the script origin, its
// configuration a gated inline script after it (gated scripts run in order, an external one
// loaded before the next is inserted). Every option that would reach the vendor's servers points
// at the local collector, and what would fetch further code (session replay, surveys, remote
// config) is switched off in the snippet: the library files themselves are served unmodified.
import { PORT } from '../shop'

/** Serves the libraries' files, cacheable (test/browser/real/servers.js). */
export const SCRIPTS = `http://127.0.0.1:${PORT + 3}`

/** Takes whatever the libraries send and counts it per test. */
export const COLLECTOR = `http://127.0.0.1:${PORT + 4}`

export interface Library {
  name: string
  /** The service id in Candor's config. */
  service: string
  provider: string
  /** The file on the script origin. */
  file: string
  /** The global the library defines once it has run. */
  global: string
  /** The snippet's configuration, sending to `collector`. */
  init: (collector: string) => string
  /** What its documentation says it stores, as Candor's config declares it. */
  cookies: string[]
  storage: string[]
  /** The IndexedDB databases it opens. */
  indexedDB: string[]
}

export const libraries: Library[] = [
  {
    name: 'PostHog',
    service: 'posthog',
    provider: 'PostHog Inc.',
    file: '/posthog.js',
    global: 'posthog',
    init: c => `posthog.init('phc_candortest', {
      api_host: ${JSON.stringify(c)}, person_profiles: 'identified_only', persistence: 'localStorage+cookie',
      request_batching: false, advanced_disable_flags: true, disable_session_recording: true,
      disable_surveys: true, disable_external_dependency_loading: true, autocapture: false,
      // PostHog drops events from headless Chromium as a bot; the tests need to see them sent.
      opt_out_useragent_filter: true
    })`,
    cookies: ['ph_*'],
    storage: ['ph_*', '__ph_*'],
    indexedDB: []
  },
  {
    name: 'Mixpanel',
    service: 'mixpanel',
    provider: 'Mixpanel Inc.',
    file: '/mixpanel.js',
    global: 'mixpanel',
    init: c => `mixpanel.init('candortest', { api_host: ${JSON.stringify(c)}, persistence: 'cookie', track_pageview: true, batch_requests: false })`,
    cookies: ['mp_*'],
    storage: ['mp_*', '__mp*'],
    indexedDB: ['mixpanel*']
  },
  {
    name: 'Amplitude',
    service: 'amplitude',
    provider: 'Amplitude Inc.',
    file: '/amplitude.js',
    global: 'amplitude',
    init: c => `amplitude.init('candortest', { serverUrl: ${JSON.stringify(c + '/2/httpapi')}, fetchRemoteConfig: false,
      remoteConfig: { fetchRemoteConfig: false }, autocapture: false, flushIntervalMillis: 200 });
      amplitude.track('Page viewed')`,
    cookies: ['AMP_*'],
    storage: ['AMP_*'],
    indexedDB: ['AMP_*']
  },
  {
    name: 'Datadog RUM',
    service: 'datadog',
    provider: 'Datadog Inc.',
    file: '/datadog-rum.js',
    global: 'DD_RUM',
    init: c => `window.DD_RUM && window.DD_RUM.init({
      applicationId: '00000000-0000-4000-8000-000000000000', clientToken: 'pubcandortest', site: 'datadoghq.eu',
      service: 'shop', proxy: ${JSON.stringify(c + '/rum')}, sessionSampleRate: 100, sessionReplaySampleRate: 0,
      profilingSampleRate: 0, trackUserInteractions: false, trackResources: false, trackLongTasks: false
    })`,
    cookies: ['_dd_s*'],
    storage: ['_dd_*'],
    indexedDB: []
  }
]
