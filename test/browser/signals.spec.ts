import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { LOG, TP, config, known, serve } from './shop'

/** The page's dataLayer as text: gtag() calls as their arguments, events by name. */
const layer = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer: unknown[] }).dataLayer || []).map(e => {
      if (Object.prototype.toString.call(e) != '[object Arguments]') return 'event ' + (e as { event: string }).event
      let [command, kind, value] = Array.from(e as ArrayLike<unknown>)
      if (command != 'consent') return typeof kind == 'string' ? `${command} ${kind}` : String(command)
      let types = value as { [type: string]: string }
      let granted = Object.keys(types).filter(t => types[t] == 'granted').sort()
      return `consent ${kind} ${granted.join(',') || 'none'}${types.wait_for_update ? ' wait ' + types.wait_for_update : ''}`
    })
  )

const REQUIRED = 'functionality_storage,security_storage'
const google = { ...config, consentMode: true }

// Google's own snippet, placed after Candor as the setup guide says; `config` is only queued here.
const gtagSnippet = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments)} gtag('js', new Date()); gtag('config', 'G-TEST')</script>`

test('Consent Mode: a first visit denies everything by default, then grants what each choice allows', async ({ page, request }) => {
  await page.goto(await serve(request, { config: google, head: gtagSnippet }))
  await known(page)
  expect(await layer(page)).toEqual([
    'consent default none wait 500',
    'js',
    'config G-TEST',
    `consent update ${REQUIRED}`,
    'event candor_consent'
  ])
  await page.evaluate(() => window.candor.acceptAll())
  await page.evaluate(() => window.candor.set({ marketing: false }))
  await page.evaluate(() => window.candor.rejectAll())
  expect((await layer(page)).slice(5)).toEqual([
    `consent update ad_personalization,ad_storage,ad_user_data,analytics_storage,${REQUIRED}`,
    'event candor_consent',
    `consent update analytics_storage,${REQUIRED}`,
    'event candor_consent',
    `consent update ${REQUIRED}`,
    'event candor_consent'
  ])
})

test('Consent Mode: a returning visitor’s default is followed at once by the stored decision, before Google’s config', async ({ page, request }) => {
  let url = await serve(request, { config: google, head: gtagSnippet })
  await page.goto(url)
  await page.evaluate(() => window.candor.set({ analytics: true, marketing: false }))
  await page.reload()
  expect(await layer(page)).toEqual([
    'consent default none wait 500',
    `consent update analytics_storage,${REQUIRED}`,
    'event candor_consent',
    'js',
    'config G-TEST'
  ])
  await page.evaluate(() => window.candor.forget())
  expect((await layer(page)).slice(5)).toEqual([`consent update ${REQUIRED}`, 'event candor_consent'])
})

test('Consent Mode: region, wait time, ads data redaction and URL passthrough as configured', async ({ page, request }) => {
  await page.goto(
    await serve(request, { config: { ...config, consentMode: { waitForUpdate: 800, region: ['DE'], adsDataRedaction: true, urlPassthrough: true } } })
  )
  let first = await page.evaluate(() => (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer.slice(0, 3).map(a => Array.from(a)))
  expect(first).toEqual([
    ['consent', 'default', expect.objectContaining({ ad_storage: 'denied', wait_for_update: 800, region: ['DE'] })],
    ['set', 'ads_data_redaction', true],
    ['set', 'url_passthrough', true]
  ])
})

test('Consent Mode stays off on a page without Google tags unless the config asks for it', async ({ page, request }) => {
  await page.goto(await serve(request, {}))
  await known(page)
  expect(await page.evaluate(() => 'dataLayer' in window || 'gtag' in window)).toBe(false)
})

const vendorPage = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="application/json" id="candor-config">${JSON.stringify({
    ...config,
    integrations: { matomo: 'analytics/matomo', meta: 'marketing/meta', uet: 'marketing' }
  })}</script>
<script src="/dist/candor-full.js"></script>${body}</head><body></body></html>`

const matomoSnippet = `<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  (function() {
    var u='${TP}/';
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '1']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>`

const metaSnippet = `<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','${TP}/fbevents.js');
fbq('init', '123');
fbq('track', 'PageView');
</script>`

const uetSnippet = `<script>
(function(w,d,t,r,u){var f,n,i;w[u]=w[u]||[],f=function(){var o={ti:"TAG"};o.q=w[u],w[u]=new UET(o),w[u].push("pageLoad")},n=d.createElement(t),n.src=r,n.async=1,n.onload=n.onreadystatechange=function(){var s=this.readyState;s&&s!=="loaded"&&s!=="complete"||(f(),n.onload=n.onreadystatechange=null)},i=d.getElementsByTagName(t)[0],i.parentNode.insertBefore(n,i)})(window,document,"script","${TP}/bat.js","uetq");
</script>`

const seen = (page: Page, vendor: string): Promise<string[]> =>
  page.evaluate(v => ((window as unknown as { seen?: string[] }).seen || []).filter(s => s.startsWith(v + ' ')), vendor)

test('Matomo gets requireConsent before anything it tracks, then consent given and forgotten', async ({ page, request }) => {
  await page.goto(await serve(request, { html: vendorPage(matomoSnippet) }))
  await expect.poll(() => seen(page, 'matomo')).toEqual([
    'matomo requireConsent',
    'matomo trackPageView',
    `matomo setTrackerUrl ${TP}/matomo.php`,
    'matomo setSiteId 1'
  ])
  await page.evaluate(() => window.candor.acceptAll())
  await page.evaluate(() => window.candor.set({ analytics: false }))
  expect((await seen(page, 'matomo')).slice(4)).toEqual(['matomo setConsentGiven', 'matomo forgetConsentGiven'])
})

test('the Meta Pixel is revoked before its init, although its snippet runs after Candor, and granted on consent', async ({ page, request }) => {
  await page.goto(await serve(request, { html: vendorPage(metaSnippet) }))
  await expect.poll(() => seen(page, 'meta')).toEqual(['meta consent revoke', 'meta init 123', 'meta track PageView'])
  await page.evaluate(() => window.candor.acceptAll())
  await page.evaluate(() => window.candor.rejectAll())
  expect((await seen(page, 'meta')).slice(3)).toEqual(['meta consent grant', 'meta consent revoke'])
})

test('Microsoft UET starts with ad_storage denied and is updated on each change', async ({ page, request }) => {
  await page.goto(await serve(request, { html: vendorPage(uetSnippet) }))
  await expect.poll(() => seen(page, 'uet')).toEqual(['uet consent default {"ad_storage":"denied"}', 'uet pageLoad'])
  await page.evaluate(() => window.candor.acceptAll())
  expect((await seen(page, 'uet')).slice(2)).toEqual(['uet consent update {"ad_storage":"granted"}'])
})

test('a returning visitor who agreed grants each vendor again on every page view', async ({ page, request }) => {
  await page.goto(await serve(request, { html: vendorPage(matomoSnippet + metaSnippet + uetSnippet) }))
  await page.evaluate(() => window.candor.acceptAll())
  await page.reload()
  await expect.poll(async () => (await seen(page, 'meta')).slice(0, 2)).toEqual(['meta consent grant', 'meta init 123'])
  expect((await seen(page, 'matomo')).slice(0, 2)).toEqual(['matomo requireConsent', 'matomo setConsentGiven'])
  await expect.poll(async () => (await seen(page, 'uet')).slice(0, 1)).toEqual([
    'uet consent default {"ad_storage":"denied"} consent update {"ad_storage":"granted"}'
  ])
})

test('candor.js without adapters says which build has them', async ({ page, request }) => {
  let warnings: string[] = []
  page.on('console', m => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto(await serve(request, { config: { ...config, integrations: { matomo: 'analytics/matomo' } } }))
  await expect.poll(() => warnings).toContain('[candor] integrations.matomo: no adapter here; use candor-full.js or pass it to init()')
})

test.describe('with Global Privacy Control', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  })

  test('accept all leaves marketing denied and says so in the receipt; the visitor can still grant it', async ({ page, request }) => {
    await page.goto(await serve(request, {}))
    await known(page)
    expect(await page.evaluate(() => window.candor.$consent.get().gpc)).toBe(true)
    await page.evaluate(() => window.candor.acceptAll())
    expect(await page.evaluate(() => window.candor.$consent.get().purposes)).toEqual({ necessary: true, analytics: true, marketing: false })
    expect(await page.evaluate(() => window.candor.receipt())).toMatchObject({ gpc: true, method: 'accept-all' })
    await page.evaluate(() => window.candor.set({ marketing: true }))
    expect(await page.evaluate(() => window.candor.granted('marketing'))).toBe(true)
  })

  test('is not honoured when the config turns it off', async ({ page, request }) => {
    await page.goto(await serve(request, { config: { ...config, respectGPC: false } }))
    await known(page)
    expect(await page.evaluate(() => window.candor.$consent.get().gpc)).toBe(false)
  })
})

test('without Global Privacy Control accept all grants marketing', async ({ page, request }) => {
  await page.goto(await serve(request, {}))
  await page.evaluate(() => window.candor.acceptAll())
  expect(await page.evaluate(() => [window.candor.$consent.get().gpc, window.candor.granted('marketing')])).toEqual([false, true])
})

test('a decision in one tab applies to every open tab of the site', async ({ context, request }) => {
  let url = await serve(request, { body: `<script type="text/plain" data-consent="analytics">window.ran.push('a')</script>` })
  let one = await context.newPage()
  let two = await context.newPage()
  await one.goto(url)
  await two.goto(url)
  await known(one)
  await known(two)
  await one.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => two.evaluate(() => [window.candor.granted('analytics'), (window as unknown as { ran: string[] }).ran])).toEqual([true, ['a']])
  await two.evaluate(() => {
    document.cookie = '_pk_id.1=1; path=/'
    return window.candor.set({ analytics: false })
  })
  await expect.poll(() => one.evaluate(() => window.candor.granted('analytics'))).toBe(false)
  expect((await context.cookies()).map(c => c.name)).not.toContain('_pk_id.1')
})

test.describe('the consent log', () => {
  const logged = { ...config, logEndpoint: LOG + '/log' }
  type Logged = { receipt: { method: string; url: string; timestamp: string } }
  // Oldest first; the receiver lists the newest first.
  const stored = async (page: Page, id: string): Promise<Logged[]> =>
    ((await (await page.request.get(`${LOG}/receipts.json?id=${id}`)).json()).receipts as Logged[]).sort((a, b) =>
      a.receipt.timestamp < b.receipt.timestamp ? -1 : 1
    )

  test('gets a receipt of every decision, with the page and the hash of what the visitor saw', async ({ page, request }) => {
    await page.goto(await serve(request, { config: logged }))
    let id = await page.evaluate(async () => {
      await window.candor.set({ analytics: true }, 'custom', 'Wir verwenden Cookies …')
      await window.candor.rejectAll()
      return window.candor.$consent.get().id!
    })
    await expect.poll(async () => (await stored(page, id)).map(r => r.receipt.method)).toEqual(['custom', 'reject-all'])
    let [first] = await stored(page, id)
    expect(first.receipt).toMatchObject({ url: page.url(), textHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  test('keeps a receipt the endpoint could not take and delivers it once on a later page view', async ({ page, request }) => {
    let url = await serve(request, { config: logged })
    await page.route(LOG + '/log', route => route.abort('internetdisconnected'))
    await page.goto(url)
    let id = await page.evaluate(() => window.candor.acceptAll().then(() => window.candor.$consent.get().id!))
    expect(await page.evaluate(() => window.candor.granted('marketing'))).toBe(true)
    await expect.poll(() => page.evaluate(() => localStorage.getItem('candor_consent.log'))).not.toBeNull()
    await page.unroute(LOG + '/log')
    // The retry waits for its backoff: one minute later, on a later page view.
    await page.clock.install({ time: Date.now() + 61_000 })
    await page.reload()
    await expect.poll(async () => (await stored(page, id)).length).toBe(1)
    await expect.poll(() => page.evaluate(() => localStorage.getItem('candor_consent.log'))).toBeNull()
    await page.reload()
    expect(await stored(page, id)).toHaveLength(1)
  })

  test('is asked to erase the receipts of a consent id when the visitor withdraws everything', async ({ page, request }) => {
    await page.goto(await serve(request, { config: logged }))
    let id = await page.evaluate(() => window.candor.acceptAll().then(() => window.candor.$consent.get().id!))
    await expect.poll(async () => (await stored(page, id)).length).toBe(1)
    await page.evaluate(() => window.candor.forget())
    await expect.poll(async () => (await stored(page, id)).length).toBe(0)
  })
})

test('hostile values sent to the consent log are shown on its page as inert text', async ({ page }) => {
  let receipt = {
    id: 'AAAAAAAAAAAAAAAAAAAAAA', decidedAt: new Date().toISOString(), timestamp: new Date().toISOString(), method: 'custom',
    language: 'de', purposes: { necessary: true }, services: {}, versions: { necessary: 1 }, config: 'abc', textHash: null, gpc: false,
    url: 'http://127.0.0.1/"><img src=x onerror="window.pwned=1">'
  }
  let answer = await page.request.post(LOG + '/log', { data: JSON.stringify({ kind: 'receipt', key: 'hostile', receipt }), headers: { 'content-type': 'text/plain' } })
  expect([201, 200, 400]).toContain(answer.status())
  await page.goto(LOG + '/')
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
  expect(await page.locator('img').count()).toBe(0)
})
