import { expect, test } from '@playwright/test'
import { banner, centre, state, visit } from './ui-helpers'

// What README.md tells sites to send: scripts and styles only from the site itself, no inline
// code anywhere; Candor's styles are constructable stylesheets, which a style-src does not govern.
const strict =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

test('works under a strict Content-Security-Policy without unsafe-inline, and violates nothing', async ({ page, request }) => {
  await page.addInitScript(() => {
    ;(window as unknown as { violations: string[] }).violations = []
    document.addEventListener('securitypolicyviolation', e =>
      (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`)
    )
  })
  let errors: string[] = []
  // Chromium asks for /favicon.ico, which the test server does not have.
  page.on('console', m => m.type() == 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()))
  page.on('pageerror', e => errors.push(e.message))
  await visit(page, request, { headers: { 'content-security-policy': strict }, ui: { accent: '#7a1f5c', radius: '0' } })
  let layer = banner(page)
  await expect(layer).toBeVisible()
  let button = layer.getByRole('button', { name: 'Accept all' })
  expect(await button.evaluate(el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderRadius])).toEqual(['rgb(122, 31, 92)', '0px'])
  await layer.getByRole('button', { name: 'Settings' }).click()
  await centre(page).getByRole('button', { name: 'Close' }).click()
  await expect(centre(page)).toBeHidden()
  await layer.getByRole('button', { name: 'Settings' }).click()
  await centre(page).getByRole('switch', { name: 'Statistics' }).check()
  await centre(page).getByRole('button', { name: 'Save choices' }).click()
  await expect(centre(page)).toBeHidden()
  expect((await state(page)).purposes.analytics).toBe(true)
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([])
  expect(errors).toEqual([])
})

test('the policy of this test is enforced: an inline style would be refused and reported', async ({ page, request }) => {
  let violations: string[] = []
  await page.exposeFunction('violated', (d: string) => violations.push(d))
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', e => (window as unknown as { violated(d: string): void }).violated(e.violatedDirective))
  )
  await visit(page, request, { headers: { 'content-security-policy': strict } })
  await expect(banner(page)).toBeVisible()
  await page.evaluate(() => document.querySelector('candor-consent')!.shadowRoot!.append(Object.assign(document.createElement('style'), { textContent: 'h2{color:red}' })))
  await expect.poll(() => violations).toEqual(['style-src-elem'])
})
