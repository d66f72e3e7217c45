import { expect, test } from '@playwright/test'
import { TP, config, ran, serve, thirdPartyRequests } from './shop'

const tags = `
  <script type="text/plain" data-consent="analytics" src="${TP}/tag.js?name=lib&cookie=_pk_id.1&delay=300"></script>
  <script type="text/plain" data-consent="analytics">window.ran.push('setup:' + typeof window.ran)</script>
  <script type="text/plain" data-consent="marketing" src="${TP}/tag.js?name=pixel&cookie=_fbp"></script>
  <script type="text/plain" data-consent="!analytics">window.ran.push('cookieless')</script>
  <img data-consent="marketing" data-src="${TP}/pixel.gif" alt="">
  <iframe data-consent="marketing/meta" data-src="${TP}/frame.html" title="video"></iframe>`

test('does not request or run any gated tag before a choice', async ({ page, request, context }) => {
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { body: tags }))
  await page.waitForLoadState('networkidle')
  expect(requests).toEqual([])
  expect(await ran(page)).toEqual([])
  expect(await context.cookies()).toEqual([])
  expect(await page.locator('img').getAttribute('src')).toBeNull()
})

test('accept all runs the tags in document order, inline setup after its library', async ({ page, request }) => {
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { body: tags }))
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['lib', 'setup:object', 'pixel'])
  await expect(page.locator('iframe')).toHaveAttribute('src', `${TP}/frame.html`)
  await expect.poll(() => requests).toContain('/pixel.gif')
})

test('reject all keeps the tags inert and runs the cookieless fallback', async ({ page, request, context }) => {
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { body: tags }))
  await page.evaluate(() => window.candor.rejectAll())
  await expect.poll(() => ran(page)).toEqual(['cookieless'])
  await page.waitForLoadState('networkidle')
  expect(requests).toEqual([])
  expect((await context.cookies()).map(c => c.name)).toEqual(['candor_consent'])
})

test('a tag that fails to load does not hold up the ones after it', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      body: `<script type="text/plain" data-consent="analytics" src="${TP}/fail.js"></script>
        <script type="text/plain" data-consent="analytics">window.ran.push('after')</script>`
    })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['after'])
})

test('runs a gated module script as a module', async ({ page, request }) => {
  await page.goto(
    await serve(request, { body: `<script type="text/plain" data-type="module" data-consent="analytics" src="${TP}/module.js"></script>` })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['module:string'])
})

test('keeps integrity and crossorigin: a matching hash runs, a wrong one is refused', async ({ page, request }) => {
  let sri = await (await request.get(`${TP}/sri`)).text()
  await page.goto(
    await serve(request, {
      body: `<script type="text/plain" data-consent="analytics" src="${TP}/fixed.js" integrity="${sri}" crossorigin="anonymous" id="good" class="t" data-extra="x"></script>
        <script type="text/plain" data-consent="analytics" src="${TP}/fixed.js?tampered" integrity="sha384-AAAA" crossorigin="anonymous"></script>`
    })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['fixed'])
  let good = page.locator('#good')
  await expect(good).toHaveAttribute('integrity', sri)
  await expect(good).toHaveAttribute('crossorigin', 'anonymous')
  await expect(good).toHaveAttribute('class', 't')
  await expect(good).toHaveAttribute('data-extra', 'x')
})

test('grants a single service without the rest of its purpose', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      body: `<script type="text/plain" data-consent="analytics/matomo">window.ran.push('matomo')</script>
        <script type="text/plain" data-consent="analytics/hotjar">window.ran.push('hotjar')</script>`
    })
  )
  await page.evaluate(() => window.candor.set({ analytics: true, 'analytics/hotjar': false, marketing: false }))
  await expect.poll(() => ran(page)).toEqual(['matomo'])
})

test('gates content added later and activates each element once', async ({ page, request }) => {
  let requests = thirdPartyRequests(page)
  await page.goto(await serve(request, { body: '<main></main>' }))
  await page.evaluate(tp => {
    let s = document.createElement('script')
    s.type = 'text/plain'
    s.src = tp + '/tag.js?name=late'
    s.dataset.consent = 'analytics'
    document.querySelector('main')!.append(s)
  }, TP)
  await page.waitForTimeout(200)
  expect(requests).toEqual([])
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['late'])
  await page.evaluate(() => {
    let s = document.createElement('script')
    s.type = 'text/plain'
    s.dataset.consent = 'analytics'
    s.text = 'window.ran.push("spa")'
    document.body.append(s)
  })
  await expect.poll(() => ran(page)).toEqual(['late', 'spa'])
  await page.evaluate(() => window.candor.set({ marketing: true }))
  await page.waitForTimeout(100)
  expect(await ran(page)).toEqual(['late', 'spa'])
})

test('does not activate an expression naming an unknown purpose', async ({ page, request }) => {
  let warnings: string[] = []
  page.on('console', m => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto(await serve(request, { config, body: `<script type="text/plain" data-consent="analyticz">window.ran.push('typo')</script>` }))
  await page.evaluate(() => window.candor.acceptAll())
  await page.waitForTimeout(100)
  expect(await ran(page)).toEqual([])
  expect(warnings.join()).toContain('analyticz')
})
