import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { TP, config, ran, serve } from './shop'

/** Every CSP or Trusted Types violation the page reports. */
const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { violations: string[] }).violations)
const watch = `<script nonce="abc">window.violations = []; addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective + ' ' + e.blockedURI))</script>`

test('runs gated tags under a strict CSP with nonces, keeping each tag’s nonce', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      headers: { 'content-security-policy': `script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'none'` },
      html: `<!doctype html><html lang="en"><head>${watch}<script nonce="abc">window.ran = []</script>
        <script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
        <script src="/dist/candor.js"></script></head><body>
        <script type="text/plain" data-consent="analytics" nonce="abc" src="${TP}/tag.js?name=external"></script>
        <script type="text/plain" data-consent="analytics" nonce="abc">window.ran.push('inline')</script>
        <script type="text/plain" data-consent="analytics">window.ran.push('no nonce')</script>
      </body></html>`
    })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['external', 'inline'])
  expect(await violations(page)).toEqual(['script-src-elem inline'])
})

test('runs gated tags where Trusted Types are required, through its policy named candor', async ({ page, request }) => {
  await page.goto(
    await serve(request, {
      headers: { 'content-security-policy': `script-src 'self' 'nonce-abc' ${TP}; require-trusted-types-for 'script'; trusted-types candor` },
      html: `<!doctype html><html lang="en"><head>${watch}<script nonce="abc">window.ran = []</script>
        <script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
        <script src="/dist/candor.js"></script></head><body>
        <script type="text/plain" data-consent="analytics" src="${TP}/tag.js?name=external"></script>
        <script type="text/plain" data-consent="analytics" nonce="abc">window.ran.push('inline')</script>
        <iframe data-consent="marketing" data-src="${TP}/frame.html" title="video"></iframe>
      </body></html>`
    })
  )
  await page.evaluate(() => window.candor.acceptAll())
  await expect.poll(() => ran(page)).toEqual(['external', 'inline'])
  await expect(page.locator('iframe')).toHaveAttribute('src', `${TP}/frame.html`)
  expect(await violations(page)).toEqual([])
})

test('works end to end under script-src self, style-src self and enforced Trusted Types: banner, decision, gated tags', async ({ page, request }) => {
  let reports: string[] = []
  page.on('console', m => m.type() === 'error' && reports.push(m.text()))
  await page.goto(
    await serve(request, {
      headers: {
        'content-security-policy': `script-src 'self' 'nonce-abc' ${TP}; style-src 'self'; require-trusted-types-for 'script'; trusted-types candor`
      },
      html: `<!doctype html><html lang="en"><head>${watch}<script nonce="abc">window.ran = []</script>
        <script type="application/json" id="candor-config">${JSON.stringify(config)}</script>
        <script src="/dist/candor.js"></script></head><body>
        <script type="text/plain" data-consent="analytics" src="${TP}/tag.js?name=external"></script>
        <script type="text/plain" data-consent="analytics" nonce="abc">window.ran.push('inline')</script>
      </body></html>`
    })
  )
  let banner = page.locator('candor-consent').getByRole('region')
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Settings' }).click()
  let centre = page.locator('candor-consent').getByRole('dialog')
  await centre.getByRole('switch', { name: 'Statistics' }).check()
  await centre.getByRole('button', { name: 'Save choices' }).click()
  await expect.poll(() => ran(page)).toEqual(['external', 'inline'])
  expect(await violations(page)).toEqual([])
  expect(reports.filter(r => /Trusted Type|Content Security Policy/i.test(r))).toEqual([])
})
