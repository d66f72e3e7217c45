import { expect, test } from '@playwright/test'
import { TP, config, known, ran, serve } from './shop'

test('calls queued before the script loads run in order after init', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      html: `<!doctype html><html><head>
        <script>
          window.ran = []
          window.candor = window.candor || []
          candor.push(api => ran.push('first:' + api.$consent.get().decided))
          candor.push(api => api.whenGranted('analytics', () => ran.push('analytics granted')))
        </script>
        <script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
        <script src="/dist/candor.js"></script>
        <script>candor.push(() => ran.push('after load'))</script>
      </head><body></body></html>`
    })
  )
  expect(await ran(page)).toEqual(['first:false', 'after load'])
  await page.evaluate(() => window.candor.acceptAll())
  expect(await ran(page)).toEqual(['first:false', 'after load', 'analytics granted'])
})

test('loading the script twice is harmless: one state, tags fire once', async ({ page, request }) => {
  let errors: Error[] = []
  page.on('pageerror', e => errors.push(e))
  await page.goto(
    await serve(request, {
      head: '<script src="/dist/candor.js"></script>',
      body: `<script type="text/plain" data-consent="analytics" src="${TP}/tag.js?name=once"></script>`
    })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await page.waitForLoadState('networkidle')
  expect(await ran(page)).toEqual(['once'])
  await page.reload()
  await page.waitForLoadState('networkidle')
  expect(await ran(page)).toEqual(['once'])
  expect(errors).toEqual([])
})

test('tells the page about every change, as a DOM event and to on("change")', async ({ page, request }) => {
  await page.goto(await serve(request, {}))
  await known(page)
  let seen = await page.evaluate(async () => {
    let log: string[] = []
    document.addEventListener('candor:change', e => log.push('event:' + (e as CustomEvent).detail.purposes.analytics))
    window.candor.on('change', state => log.push('on:' + state.purposes.analytics))
    await window.candor.acceptAll()
    await window.candor.set({ analytics: false })
    return log
  })
  expect(seen).toEqual(['event:true', 'on:true', 'event:false', 'on:false'])
})

test('gives a receipt of the latest decision that survives a reload', async ({ page, request }) => {
  await page.goto(await serve(request, {}))
  expect(await page.evaluate(() => window.candor.receipt())).toBeNull()
  let first = await page.evaluate(async () => {
    await window.candor.set({ analytics: true, 'analytics/hotjar': false, marketing: false })
    return window.candor.receipt()
  })
  expect(first).toMatchObject({
    method: 'api',
    language: 'en',
    purposes: { necessary: true, analytics: true, marketing: false },
    services: { 'analytics/matomo': true, 'analytics/hotjar': false, 'marketing/meta': false },
    versions: { necessary: 1, analytics: 1, marketing: 1 }
  })
  expect(first!.id).toMatch(/^[\w-]{22}$/)
  await page.reload()
  expect(await page.evaluate(() => window.candor.receipt())).toEqual(first)
})

test('forget withdraws everything and deletes the record', async ({ page, request, context }) => {
  await page.goto(await serve(request, {}))
  await page.evaluate(async () => {
    await window.candor.acceptAll()
    document.cookie = '_fbp=1; path=/'
    await window.candor.forget()
  })
  expect(await context.cookies()).toEqual([])
  expect(await page.evaluate(async () => [await window.candor.receipt(), window.candor.$consent.get().decided, localStorage.length])).toEqual([
    null,
    false,
    0
  ])
})

test('the API object is frozen', async ({ page, request }) => {
  await page.goto(await serve(request, {}))
  expect(await page.evaluate(() => Object.isFrozen(window.candor))).toBe(true)
})

test('a broken config is reported with its path and grants nothing', async ({ page, request }) => {
  let errors: string[] = []
  page.on('console', m => m.type() === 'error' && errors.push(m.text()))
  let bad = { ...config, policyUrl: 'javascript:alert(1)' }
  await page.goto(
    await serve(request, { config: bad, body: `<script type="text/plain" data-consent="analytics">window.ran.push('x')</script>` })
  )
  await expect.poll(() => errors.join()).toContain('policyUrl: expected an https:// or relative URL, got "javascript:alert(1)"')
  await expect(page.evaluate(() => window.candor.acceptAll())).rejects.toThrow('CandorConfigError')
  expect(await ran(page)).toEqual([])
})

test('can be started from JavaScript with init(config)', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      html: `<!doctype html><html><head><script>window.ran = []</script><script src="/dist/candor.js"></script></head>
        <body><script type="text/plain" data-consent="analytics">window.ran.push('a')</script></body></html>`
    })
  )
  await page.evaluate(async c => {
    await window.candor.init(c as Parameters<typeof window.candor.init>[0])
    await window.candor.acceptAll()
  }, config)
  await expect.poll(() => ran(page)).toEqual(['a'])
})

test('finds its config through the data-config attribute', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      html: `<!doctype html><html><head><script>window.ran = []</script>
        <script type="application/json" id="shop-consent">${JSON.stringify(config)}</script>
        <script src="/dist/candor.js" data-config="shop-consent"></script></head><body></body></html>`
    })
  )
  await known(page)
  expect(await page.evaluate(() => Object.keys(window.candor.$consent.get().purposes))).toEqual(['necessary', 'analytics', 'marketing'])
})

test('a config that is not JSON is reported and grants nothing', async ({ page, request }) => {
  let errors: string[] = []
  page.on('console', m => m.type() === 'error' && errors.push(m.text()))
  await page.goto(
    await serve(request, {
      html: `<!doctype html><html><head><script>window.ran = []</script>
        <script type="application/json" id="candor-config">{ "purposes": { analytics: 1 } }</script>
        <script src="/dist/candor.js"></script></head>
        <body><script type="text/plain" data-consent="analytics">window.ran.push('x')</script></body></html>`
    })
  )
  await expect.poll(() => errors.join()).toContain('CandorConfigError: Invalid Candor config:\n- config: expected JSON, got a syntax error')
  expect(await ran(page)).toEqual([])
})

test('names a data-config attribute that points nowhere', async ({ page, request }) => {
  let errors: string[] = []
  page.on('console', m => m.type() === 'error' && errors.push(m.text()))
  await page.goto(
    await serve(request, { html: `<!doctype html><html><head><script src="/dist/candor.js" data-config="nope"></script></head><body></body></html>` })
  )
  expect(errors).toEqual(['[candor] data-config="nope": no element with that id'])
})
