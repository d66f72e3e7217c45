import { expect, test } from '@playwright/test'
import { PORT, config, known, ran, serve } from './shop'

const analytics = `<script type="text/plain" data-consent="analytics">window.ran.push('analytics')</script>`

test('the choice survives a reload and its tags run again', async ({ page, request, context }) => {
  await page.goto(await serve(request, { body: analytics }))
  await page.evaluate(() => window.candor.set({ analytics: true, marketing: false }))
  await page.reload()
  await expect.poll(() => ran(page)).toEqual(['analytics'])
  let state = await page.evaluate(() => window.candor.$consent.get())
  expect(state).toMatchObject({ decided: true, purposes: { necessary: true, analytics: true, marketing: false } })
  let [cookie] = await context.cookies()
  expect(cookie).toMatchObject({ name: 'candor_consent', path: '/', sameSite: 'Lax', secure: false })
  expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(179 * 86400)
  expect(await page.evaluate(() => localStorage.getItem('candor_consent'))).toBe(cookie.value)
})

test('revoking deletes the declared cookies on the host and its parent domain', async ({ page, request, context }) => {
  let url = `http://www.shop.test:${PORT}` + (await serve(request, { config }))
  await page.goto(url)
  await page.evaluate(() => window.candor.acceptAll())
  await page.evaluate(() => {
    document.cookie = '_pk_id.1=host; path=/'
    document.cookie = '_pk_id.2=parent; domain=shop.test; path=/'
    document.cookie = '_pk_ses=1; path=/p'
    document.cookie = '_fbp=kept; path=/'
    localStorage.setItem('pk_visit', '1')
  })
  await page.evaluate(() => window.candor.set({ analytics: false }))
  let names = (await context.cookies()).map(c => c.name).sort()
  expect(names).toEqual(['_fbp', 'candor_consent'])
  expect(await page.evaluate(() => localStorage.getItem('pk_visit'))).toBeNull()
})

test('two disagreeing cookies: the more restrictive wins and is stored once', async ({ page, request, context }) => {
  let url = `http://www.shop.test:${PORT}` + (await serve(request, { body: analytics }))
  await page.goto(url)
  await page.evaluate(() => window.candor.acceptAll())
  let granting = (await context.cookies())[0].value
  await page.evaluate(() => window.candor.rejectAll())
  let denying = (await context.cookies())[0].value
  await context.clearCookies()
  await page.evaluate(() => localStorage.clear())
  await context.addCookies([
    { name: 'candor_consent', value: granting, domain: '.shop.test', path: '/' },
    { name: 'candor_consent', value: denying, domain: 'www.shop.test', path: '/' }
  ])
  await page.reload()
  await known(page)
  expect(await page.evaluate(() => window.candor.$consent.get().purposes.analytics)).toBe(false)
  expect(await ran(page)).toEqual([])
  let cookies = await context.cookies()
  expect(cookies.map(c => c.value)).toEqual([denying])
})

test('with cookies and storage disabled the page works and the choice holds until it is left', async ({ page, request }) => {
  let errors: Error[] = []
  page.on('pageerror', e => errors.push(e))
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      }
    })
    Object.defineProperty(Document.prototype, 'cookie', { get: () => '', set: () => {} })
  })
  await page.goto(await serve(request, { body: analytics }))
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['analytics'])
  expect(await page.evaluate(() => window.candor.granted('analytics'))).toBe(true)
  await page.reload()
  await known(page)
  expect(await page.evaluate(() => window.candor.$consent.get().decided)).toBe(false)
  expect(await ran(page)).toEqual([])
  expect(errors).toEqual([])
})

test('a tampered cookie is ignored: nothing runs and the visitor is asked again', async ({ page, request, context }) => {
  await page.goto(await serve(request, { body: analytics }))
  await page.evaluate(() => window.candor.rejectAll())
  let [cookie] = await context.cookies()
  await context.addCookies([{ ...cookie, value: cookie.value.replace(/:0/g, ':1') + 'x' }])
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await known(page)
  expect(await page.evaluate(() => window.candor.$consent.get())).toMatchObject({ decided: false, purposes: { analytics: false } })
  expect(await ran(page)).toEqual([])
})
