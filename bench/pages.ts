/**
 * The candidate pages: the same shop page with each consent manager, configured as equally as each
 * library allows (a necessary purpose plus analytics, personalization and marketing with one
 * service each, English texts, two gated tags in the library's own blocking markup).
 */

/** What the measurer needs to know about one candidate. */
export interface Candidate {
  id: string
  /** npm package whose version is reported, or null for Candor (this checkout) and the control. */
  pkg: string | null
  /** The page's HTML. */
  html: string
  /** A JS expression (evaluated in the page) giving the banner's element, or null without one. */
  banner: string | null
  /** Playwright selectors of the banner's accept-all and reject-all buttons. */
  accept: string
  reject: string
  /** Whether it has purposes, services and blocking markup: the targets compare against these peers only. */
  full: boolean
  /** Where the library cannot be configured like the others, and workarounds. */
  notes: string[]
}

/** Each tag records when it ran and requests the local collect URL, like a real tracker would. */
const tag = (name: string): string =>
  `(window.__tags = window.__tags || {}).${name} = performance.now(); fetch('/collect?t=${name}', { cache: 'no-store' })`

const page = (head: string, body = ''): string => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
${head}</head><body><main><h1>Shop</h1><p>Coffee, roasted on Tuesdays. Fresh beans every week, shipped in recyclable bags.</p>
<button id="page-button">Add to cart</button></main>${body}</body></html>`

const purposes = {
  analytics: { title: 'Statistics', description: 'Counts visits so we can improve the shop.', service: ['matomo', 'Matomo'] },
  personalization: { title: 'Personalization', description: 'Remembers what you looked at to suggest products.', service: ['recs', 'Recommender'] },
  marketing: { title: 'Marketing', description: 'Shows our ads on other sites.', service: ['meta', 'Meta Pixel'] }
} as const
const ids = Object.keys(purposes) as (keyof typeof purposes)[]

const candorConfig = {
  policyUrl: '/privacy',
  imprintUrl: '/imprint',
  purposes: {
    necessary: { title: 'Necessary', description: 'Cart and login.', required: true },
    ...Object.fromEntries(
      ids.map(id => {
        let p = purposes[id]
        return [id, { title: p.title, description: p.description, services: [{ id: p.service[0], name: p.service[1], provider: 'Shop GmbH' }] }]
      })
    )
  }
}

const candor: Candidate = {
  id: 'candor',
  full: true,
  pkg: null,
  html: page(`<script type="application/json" id="candor-config">${JSON.stringify(candorConfig)}</script>
<script src="/dist/candor.js"></script>
<script type="text/plain" data-consent="analytics">${tag('analytics')}</script>
<script type="text/plain" data-consent="marketing">${tag('marketing')}</script>`),
  banner: `document.querySelector('candor-consent')?.shadowRoot?.querySelector('[aria-label="Your privacy"]')`,
  accept: 'candor-consent [aria-label="Your privacy"] button:text-is("Accept all")',
  reject: 'candor-consent [aria-label="Your privacy"] button:text-is("Reject all")',
  notes: []
}

const control: Candidate = {
  id: 'control',
  full: false,
  pkg: null,
  // The tags run unconditionally: the page a shop would have without a consent manager.
  html: page(`<script>${tag('analytics')}</script><script>${tag('marketing')}</script>`),
  banner: null,
  accept: '',
  reject: '',
  notes: ['No widget; its tags run at once. Its script time is subtracted from every candidate.']
}

const vccConfig = {
  // The library hides itself when navigator.webdriver is true (hideFromBots defaults to true).
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, ...Object.fromEntries(ids.map(id => [id, { services: { [purposes[id].service[0]]: { label: purposes[id].service[1] } } }])) },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Your privacy',
          description: 'We use cookies and similar technologies only with your consent. <a href="/privacy">Privacy policy</a> · <a href="/imprint">Imprint</a>',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Settings'
        },
        preferencesModal: {
          title: 'Privacy settings',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          sections: [
            { title: 'Necessary', description: 'Cart and login.', linkedCategory: 'necessary' },
            ...ids.map(id => ({ title: purposes[id].title, description: purposes[id].description, linkedCategory: id }))
          ]
        }
      }
    }
  }
}

const vcc: Candidate = {
  id: 'vanilla-cookieconsent',
  full: true,
  pkg: 'vanilla-cookieconsent',
  html: page(`<link rel="stylesheet" href="/nm/vanilla-cookieconsent/dist/cookieconsent.css">
<script type="text/plain" data-category="analytics" data-service="matomo">${tag('analytics')}</script>
<script type="text/plain" data-category="marketing" data-service="meta">${tag('marketing')}</script>`, `
<script src="/nm/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script>CookieConsent.run(${JSON.stringify(vccConfig)})</script>`),
  banner: `document.querySelector('#cc-main .cm')`,
  accept: '#cc-main .cm [data-role="all"]',
  reject: '#cc-main .cm [data-role="necessary"]',
  notes: ['Its script goes at the end of `<body>` (it needs `document.body`).', '`hideFromBots: false`: by default it shows no banner when `navigator.webdriver` is true.', 'The consent modal fades in (CSS transition); "visible" is its first frame with opacity > 0.']
}

const orejimeConfig = {
  privacyPolicyUrl: '/privacy',
  lang: 'en',
  purposes: [
    { id: 'necessary', title: 'Necessary', description: 'Cart and login.', isMandatory: true, cookies: [] },
    ...ids.map(id => ({
      id,
      title: purposes[id].title,
      description: purposes[id].description,
      purposes: [{ id: purposes[id].service[0], title: purposes[id].service[1], cookies: [] }]
    }))
  ]
}

const orejime: Candidate = {
  id: 'orejime',
  full: true,
  pkg: 'orejime',
  html: page(`<link rel="stylesheet" href="/nm/orejime/dist/orejime-standard.css">
<template data-purpose="matomo"><script>${tag('analytics')}</script></template>
<template data-purpose="meta"><script>${tag('marketing')}</script></template>
<script>window.orejimeConfig = ${JSON.stringify(orejimeConfig)}</script>
<script src="/nm/orejime/dist/orejime-standard-en.js"></script>`),
  banner: `document.querySelector('.orejime-Banner')`,
  accept: '.orejime-Banner-saveButton',
  reject: '.orejime-Banner-declineButton',
  notes: ['Purposes are groups of purposes; each service is a child purpose, and tags are gated by the service (`<template data-purpose>`).', 'No imprint link in the banner (only `privacyPolicyUrl`).']
}

const klaroConfig = {
  lang: 'en',
  acceptAll: true,
  hideDeclineAll: false,
  privacyPolicy: '/privacy',
  translations: {
    en: {
      ok: 'Accept all',
      decline: 'Reject all',
      purposes: Object.fromEntries([['necessary', { title: 'Necessary', description: 'Cart and login.' }], ...ids.map(id => [id, { title: purposes[id].title, description: purposes[id].description }])]),
      ...Object.fromEntries(ids.map(id => [purposes[id].service[0], { title: purposes[id].service[1] }])),
      shop: { title: 'Shop' }
    }
  },
  services: [
    { name: 'shop', purposes: ['necessary'], required: true },
    ...ids.map(id => ({ name: purposes[id].service[0], title: purposes[id].service[1], purposes: [id] }))
  ]
}

const klaro: Candidate = {
  id: 'klaro',
  full: true,
  pkg: 'klaro',
  html: page(`<script>window.klaroConfig = ${JSON.stringify(klaroConfig)}</script>
<script type="text/plain" data-type="text/javascript" data-name="matomo">${tag('analytics')}</script>
<script type="text/plain" data-type="text/javascript" data-name="meta">${tag('marketing')}</script>
<script defer src="/nm/klaro/dist/klaro.js"></script>`),
  banner: `document.querySelector('.klaro .cookie-notice:not(.cookie-notice-hidden)')`,
  accept: '.klaro .cookie-notice .cm-btn-success',
  reject: '.klaro .cookie-notice .cn-decline',
  notes: ['Purposes are labels on services; a necessary purpose needs a required service (`shop`).', 'No imprint link; CSS is bundled in the script.']
}

const tacServices = ids
  .map(
    (id, i) => `tarteaucitron.services.bench_${purposes[id].service[0]} = { key: 'bench_${purposes[id].service[0]}', type: '${['analytic', 'support', 'ads'][i]}', name: '${purposes[id].service[1]}', uri: '/privacy', needConsent: true, cookies: [], js: function () { ${id == 'personalization' ? '' : tag(id)} } };
(tarteaucitron.job = tarteaucitron.job || []).push('bench_${purposes[id].service[0]}');`
  )
  .join('\n')

const tac: Candidate = {
  id: 'tarteaucitronjs',
  full: true,
  pkg: 'tarteaucitronjs',
  html: page(`<script>window.tarteaucitronForceLanguage = 'en'</script>
<script src="/nm/tarteaucitronjs/tarteaucitron.js"></script>
<script>tarteaucitron.init({ privacyUrl: '/privacy', orientation: 'bottom', highPrivacy: true, AcceptAllCta: true, DenyAllCta: true, mandatory: true, showAlertSmall: false, cookieslist: false, showIcon: false, useExternalCss: false, useExternalJs: false });
${tacServices}</script>`),
  banner: `document.querySelector('#tarteaucitronAlertBig')`,
  accept: '#tarteaucitronPersonalize2',
  reject: '#tarteaucitronAllDenied2',
  notes: [
    'No blocking markup: tags are `js` callbacks of custom services (`tarteaucitron.services.*`); no purposes of our own, each service has one of its fixed types (analytic, support, ads) and the necessary purpose is its built-in "mandatory" line.',
    'It loads its texts, services list and CSS itself from its own folder (`useExternalCss: false`), counted as widget bytes.'
  ]
}

const osano: Candidate = {
  id: 'cookieconsent',
  full: false,
  pkg: 'cookieconsent',
  html: page(`<link rel="stylesheet" href="/nm/cookieconsent/build/cookieconsent.min.css">`, `
<script src="/nm/cookieconsent/build/cookieconsent.min.js"></script>
<script>function runTags() { ${tag('analytics')}; ${tag('marketing')} }
window.cookieconsent.initialise({ type: 'opt-in', revokable: false, position: 'bottom',
  content: { message: 'We use cookies and similar technologies only with your consent.', allow: 'Accept all', deny: 'Reject all', link: 'Privacy policy', href: '/privacy' },
  onInitialise: function () { if (this.hasConsented()) runTags() },
  onStatusChange: function () { if (this.hasConsented()) runTags() } })</script>`),
  banner: `document.querySelector('.cc-window:not(.cc-invisible)')`,
  accept: '.cc-window .cc-allow',
  reject: '.cc-window .cc-deny',
  notes: ['Its script goes at the end of `<body>` (it needs `document.body`).', 'No purposes and no services: one yes/no for everything, so both tags run on one consent.', 'No blocking markup: tags run from the `onInitialise`/`onStatusChange` callbacks.', 'The banner fades in (CSS transition); "visible" is its first frame with opacity > 0.']
}

export const candidates: Candidate[] = [control, candor, vcc, orejime, klaro, tac, osano]
