// Issue 6: hostile configs on a real page. Markup in texts stays text, hostile URLs never become
// links, unknown purposes never activate anything, and the consent cookie never goes to a public
// suffix or a foreign domain. No exception escapes to the page and nothing is granted unasked.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { en } from '../../../src/core/texts'
import { PORT, TP, config, known, ran, serve, thirdPartyRequests } from '../shop'
import { banner, shopConfig } from '../ui-helpers'
import { escaped, tags } from './hostile'

/** Markup that would show, or run, if a text were ever read as HTML; it names where it was put. */
const evil = (where: string): string =>
  `<img src=x onerror="pwned.push('${where}')"><script>pwned.push('${where}')</script><candor-x>${where}</candor-x>`

type Obj = Record<string, unknown>

/** `shopConfig` with markup in every text a visitor can see, in English and German, `{policy}` kept as a link. */
function hostileConfig(): Obj {
  let text = (path: string) => ({ en: evil(path + '.en'), de: evil(path + '.de') })
  let each = (keys: string[], f: (key: string) => unknown) => Object.fromEntries(keys.map(k => [k, f(k)]))
  let purposes = each(Object.keys(shopConfig.purposes), id => {
    let p = shopConfig.purposes[id as keyof typeof shopConfig.purposes] as { services?: Obj[] }
    let at = `purposes.${id}`
    let services = p.services?.map((s, i) => ({
      ...s,
      ...each(['name', 'provider', 'country'], k => evil(`${at}.services[${i}].${k}`)),
      ...each(['description', 'retention'], k => text(`${at}.services[${i}].${k}`)),
      // Cookie names cannot hold spaces, quotes or `=`, but can hold a script tag.
      cookies: [`<script>pwned.push(${i})</script>`]
    }))
    return { ...p, ...each(['title', 'description', 'data', 'legalBasis', 'retention'], k => text(`${at}.${k}`)), services }
  })
  let texts = each(['en', 'de'], lang => each(Object.keys(en), k => evil(`texts.${lang}.${k}`) + (k == 'bannerText' ? ' {policy}' : '')))
  return { ...shopConfig, purposes, texts }
}

/** The texts shown in the UI, and the elements and links in it that the config could have injected. */
const shown = (page: Page) =>
  page.evaluate(() => {
    let root = document.querySelector('candor-consent')!.shadowRoot!
    return {
      text: root.textContent ?? '',
      injected: root.querySelectorAll('img, script, candor-x, iframe, object').length + document.querySelectorAll('img, candor-x').length,
      links: [...root.querySelectorAll('a')].map(a => a.getAttribute('href')),
      pwned: (window as unknown as { pwned: unknown[] }).pwned
    }
  })

async function literally(page: Page, paths: string[]): Promise<void> {
  let ui = await shown(page)
  for (let p of paths) expect(ui.text, p).toContain(evil(p))
  expect(ui.injected).toBe(0)
  expect(ui.links.every(href => ['/datenschutz', '/datenschutz#matomo', 'https://www.hotjar.com/privacy/'].includes(href!))).toBe(true)
  expect(ui.pwned).toEqual([])
}

for (let lang of ['en', 'de']) {
  test(`markup and scripts in every text of the config, in ${lang == 'en' ? 'English' : 'German'}, are shown as text in the banner and the preference centre and never run`, async ({ page, request }) => {
    let { none } = escaped(page)
    await page.addInitScript(() => {
      ;(window as unknown as { pwned: unknown[] }).pwned = []
      // So the banner shows its Global Privacy Control text too.
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })
    })
    let hostile: Obj = { ...hostileConfig(), language: lang }
    let t = (key: string) => `texts.${lang}.${key}`
    let purposeTexts = (ids: string[]) => ids.flatMap(id => [`purposes.${id}.title.${lang}`, `purposes.${id}.description.${lang}`])
    await page.goto(await serve(request, { config: hostile, body: tags }))

    let layer = banner(page, evil(t('bannerTitle')))
    await expect(layer).toBeVisible()
    await literally(page, [...['bannerTitle', 'bannerText', 'gpc', 'acceptAll', 'rejectAll', 'settings', 'policy'].map(t), ...purposeTexts(['analytics', 'marketing'])])

    await layer.getByRole('button', { name: evil(t('settings')) }).click()
    let prefs = page.getByRole('dialog', { name: evil(t('centreTitle')) })
    await expect(prefs).toBeVisible()
    await expect(prefs.getByRole('button', { name: evil(t('close')) })).toBeVisible()
    let facts = ['analytics'].flatMap(id => ['data', 'legalBasis', 'retention'].map(k => `purposes.${id}.${k}.${lang}`))
    let services = ['name', 'provider', 'country'].map(k => `purposes.analytics.services[0].${k}`)
      .concat(['description', 'retention'].map(k => `purposes.analytics.services[0].${k}.${lang}`))
    await literally(page, [
      ...['centreTitle', 'save', 'alwaysOn', 'data', 'legalBasis', 'retention', 'services', 'provider', 'country', 'storage', 'policy'].map(t),
      ...purposeTexts(['necessary', 'analytics', 'marketing']), ...facts, ...services
    ])
    expect((await shown(page)).text).toContain('<script>pwned.push(0)</script>')

    await prefs.getByRole('button', { name: evil(t('save')) }).click()
    await expect(prefs).toBeHidden()
    await page.evaluate(() => window.candor.showPreferences())
    await literally(page, ['consentId', 'lastDecision'].map(t))
    expect(await ran(page)).toEqual([])

    // A changed purpose asks again, with the text that says what is new.
    let purposes = hostile.purposes as Obj
    let changed = { ...hostile, purposes: { ...purposes, analytics: { ...(purposes.analytics as Obj), version: 2 } } }
    await page.goto(await serve(request, { config: changed }))
    await expect(banner(page, evil(t('bannerTitle')))).toBeVisible()
    await literally(page, [t('newText')])
    none()
  })
}

/**
 * Opens `url` and waits for the CandorConfigError the page logs, which must name each of `problems`;
 * then no decision can be made and nothing gated ran.
 */
async function refused(page: Page, url: string, problems: string[]): Promise<void> {
  let errors: string[] = []
  page.on('console', m => m.type() == 'error' && errors.push(m.text()))
  await page.goto(url)
  await expect.poll(() => errors.join('\n')).toContain('CandorConfigError')
  for (let p of problems) expect(errors.join('\n')).toContain('- ' + p)
  await expect(page.evaluate(() => window.candor.acceptAll())).rejects.toThrow('CandorConfigError')
  expect(await ran(page)).toEqual([])
}

test('javascript:, data: and protocol-relative URLs in every URL field are refused by path: no link, no banner, nothing runs', async ({ page, request }) => {
  let { none } = escaped(page)
  let matomo = { ...shopConfig.purposes.analytics.services[0], privacyUrl: 'data:text/html,<script>alert(1)</script>' }
  let hostile = {
    ...shopConfig,
    policyUrl: 'javascript:alert(1)',
    imprintUrl: '//evil.example/impressum',
    logEndpoint: 'JavaScript:alert(1)',
    purposes: { ...shopConfig.purposes, analytics: { ...shopConfig.purposes.analytics, services: [matomo] } }
  }
  let fields = ['policyUrl', 'imprintUrl', 'logEndpoint', 'purposes.analytics.services[0].privacyUrl']
  await refused(page, await serve(request, { config: hostile, body: tags }), fields.map(f => `${f}: expected an https:// or relative URL, got `))
  expect(await page.evaluate(() => document.querySelector('candor-consent')?.shadowRoot?.querySelectorAll('a').length ?? 0)).toBe(0)
  none()
})

test('__proto__, constructor and prototype keys at every level of the page config are refused by path and pollute nothing', async ({ page, request }) => {
  let { none } = escaped(page)
  let poison = { polluted: 1, required: true }
  let levels = `{"__proto__": ${JSON.stringify(poison)}, "cookie": {"constructor": {"prototype": ${JSON.stringify(poison)}}},
    "texts": {"de": {"__proto__": "x"}}, "ui": {"prototype": ${JSON.stringify(poison)}},
    "purposes": {"constructor": ${JSON.stringify(poison)}, "analytics": {"title": "T", "description": "D", "__proto__": ${JSON.stringify(poison)},
      "services": [{"id": "matomo", "name": "M", "provider": "P", "constructor": ${JSON.stringify(poison)}}]}}}`
  let html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script>window.ran = []</script>
    <script type="application/json" id="candor-config">${levels}</script><script src="/dist/candor.js"></script></head><body>${tags}</body></html>`
  let paths = ['__proto__', 'cookie.constructor', 'texts.de.__proto__', 'ui.prototype', 'purposes.constructor', 'purposes.analytics.__proto__', 'purposes.analytics.services[0].constructor']
  await refused(page, await serve(request, { html }), paths.map(p => `${p}: expected a key other than __proto__,constructor,prototype`))
  expect(await page.evaluate(() => [({} as { polluted?: number }).polluted, ({} as { required?: boolean }).required, window.candor.granted('analytics')])).toEqual([undefined, undefined, false])
  none()
})

test('on a page whose Object.prototype another script polluted with required: true, a returning visitor who rejected all still runs nothing', async ({ page, request }) => {
  let { none } = escaped(page)
  await page.goto(await serve(request, { body: tags }))
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  await expect(banner(page)).toBeHidden()
  await page.addInitScript(() => Object.assign(Object.prototype, { required: true, version: 1 }))
  await page.reload()
  await known(page)
  expect(await page.evaluate(() => window.candor.$consent.get().purposes)).toEqual({ necessary: true, analytics: false, marketing: false })
  await page.waitForTimeout(300)
  expect(await ran(page)).toEqual([])
  none()
})

test('data-consent naming unknown purposes, prototype names or regex syntax never activates, even after Accept all, and each is warned about by name', async ({ page, request }) => {
  let { none } = escaped(page)
  let warnings: string[] = []
  page.on('console', m => m.type() == 'warning' && warnings.push(m.text()))
  let requests = thirdPartyRequests(page)
  let unknown = ['analyticz', 'Analytics', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'analytics/ghost', 'analytics marketing/ghost',
    '!ghost', '(a+)+$', '.*', '[', 'analytics/.*', '(a+)+$'.repeat(2000)]
  let body =
    unknown.map((e, i) => `<script type="text/plain" data-consent="${e}" src="${TP}/tag.js?name=${i}"></script>`).join('') +
    `<img data-consent="toString" data-src="${TP}/pixel.gif?toString" alt=""><script type="text/plain" data-consent="analytics">ran.push('analytics')</script>`
  await page.goto(await serve(request, { body }))
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect.poll(() => ran(page)).toEqual(['analytics'])
  await page.waitForTimeout(300)
  expect(await ran(page)).toEqual(['analytics'])
  expect(requests).toEqual([])
  for (let [tag, e] of [...unknown.map(e => ['script', e]), ['img', 'toString']]) {
    expect(warnings, e.slice(0, 20)).toContain(`[candor] <${tag} data-consent="${e}">: unknown purpose or service`)
  }
  expect(await page.evaluate(list => list.map(e => window.candor.granted(e)), unknown)).toEqual(unknown.map(() => false))
  none()
})

const lifetimes: [days: number, kept: number][] = [[1e12, 400], [-5, 1]]
for (let [days, kept] of lifetimes) {
  test(`a cookie lifetime of ${days} days is stored for ${kept} day${kept > 1 ? 's' : ''}`, async ({ page, request, context }) => {
    let { none } = escaped(page)
    await page.goto(await serve(request, { config: { ...config, cookie: { expiresDays: days } } }))
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(async () => (await context.cookies()).length).toBe(1)
    let [cookie] = await context.cookies()
    expect(Math.round((cookie.expires - Date.now() / 1000) / 86400)).toBe(kept)
    none()
  })
}

const hostOnly: { name: string; host: string; domain: string }[] = [
  ...['127.0.0.1', 'www.shop.test'].map(host => ({ name: `a cookie domain foreign to the page (evil.example) leaves the decision host-only on ${host}`, host, domain: 'evil.example' })),
  { name: 'a public suffix the validator does not list (onrender.com) is refused by the browser: the decision is kept host-only', host: 'shop.onrender.com', domain: 'onrender.com' }
]
for (let c of hostOnly) {
  test(c.name, async ({ page, request, context }) => {
    let { none } = escaped(page)
    await page.goto(`http://${c.host}:${PORT}` + (await serve(request, { config: { ...config, cookie: { domain: c.domain } }, body: tags })))
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect.poll(() => ran(page)).toEqual(['analytics', 'marketing'])
    expect((await context.cookies()).filter(k => k.name == 'candor_consent').map(k => k.domain)).toEqual([c.host])
    // Kept: the next page view applies it.
    await page.reload()
    await known(page)
    expect(await page.evaluate(() => window.candor.$consent.get().decided)).toBe(true)
    none()
  })
}

for (let domain of ['co.uk', 'com', 'github.io', 'test']) {
  test(`a public suffix as cookie domain (${domain}) is refused naming cookie.domain, and no cookie is written`, async ({ page, request, context }) => {
    let { none } = escaped(page)
    let url = `http://www.shop.test:${PORT}` + (await serve(request, { config: { ...config, cookie: { domain } }, body: tags }))
    await refused(page, url, [`cookie.domain: expected a site's own domain, not a public suffix like "com" or "co.uk", got "${domain}"`])
    expect(await context.cookies()).toEqual([])
    none()
  })
}
