// Issue 6: a consent log that is down, slow, refuses CORS or answers with grants changes nothing
// about the visitor's decision, and a receipt it could not take waits in storage until it can.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { config, known, ran, serve, thirdPartyRequests } from '../shop'
import { BAD_LOG, OFFLINE, endpoint, escaped, tags } from './hostile'

/** The consent log's queue as the page stores it (keys.ts: `<cookie name>.log`). */
const queued = (page: Page): Promise<{ entry: { key: string }; tries: number; due: number }[]> =>
  page.evaluate(() => JSON.parse(localStorage.getItem('candor_consent.log') || '[]'))

const chosen = { necessary: true, analytics: true, marketing: false }

const modes: { name: string; mode: string; retried: boolean }[] = [
  { name: 'with the consent log offline, the decision is kept exactly and its receipt waits for a retry', mode: 'offline', retried: true },
  { name: 'with the consent log answering 500, the decision is kept exactly and its receipt waits for a retry', mode: '500', retried: true },
  { name: 'with the consent log taking 30 s, the page works meanwhile and the decision is kept exactly', mode: 'slow', retried: true },
  { name: 'with the consent log failing CORS, the decision is kept exactly and its receipt waits for a retry', mode: 'nocors', retried: true },
  { name: 'a consent log answering with grants grants nothing: the decision is kept exactly', mode: 'hostile', retried: false }
]

for (let c of modes) {
  test(c.name, async ({ page, request }) => {
    let { none } = escaped(page)
    let requests = thirdPartyRequests(page)
    let log = endpoint(c.mode)
    let url = c.mode == 'offline' ? OFFLINE : log.url
    await page.goto(await serve(request, { config: { ...config, logEndpoint: url }, body: tags }))
    await known(page)
    expect(await ran(page)).toEqual([])
    expect(requests).toEqual([])
    let posted = page.waitForRequest(r => r.url() == url && r.method() == 'POST')
    await page.evaluate(() => window.candor.set({ analytics: true, marketing: false }))
    await posted
    expect(await page.evaluate(() => window.candor.$consent.get().purposes)).toEqual(chosen)
    await expect.poll(() => ran(page)).toEqual(['analytics'])
    if (c.mode == 'slow') {
      // The post is still pending: the receipt waits in the queue, and the page goes on deciding.
      expect((await queued(page)).map(q => q.tries)).toEqual([0])
      await page.evaluate(() => window.candor.set({ marketing: false }))
      expect(await page.evaluate(() => window.candor.receipt())).toMatchObject({ purposes: chosen })
    } else if (c.retried) {
      // Failed once: tried again on a later page view, after a minute.
      await expect.poll(async () => (await queued(page)).map(q => q.tries)).toEqual([1])
      let [q] = await queued(page)
      expect(q!.due - Date.now()).toBeGreaterThan(50_000)
    } else {
      await expect.poll(() => log.hits(page)).toHaveLength(1)
      await expect.poll(() => queued(page)).toEqual([])
    }
    if (c.mode != 'offline' && c.mode != 'slow') expect(await log.hits(page)).toHaveLength(1)
    await page.reload()
    await known(page)
    expect(await page.evaluate(() => window.candor.$consent.get())).toMatchObject({ decided: true, purposes: chosen })
    await page.waitForTimeout(300)
    expect(await ran(page)).toEqual(['analytics'])
    expect(requests.filter(u => u.includes('marketing'))).toEqual([])
    none()
  })
}

test('a receipt the consent log could not take is sent on a later page view once the log works again, after its backoff', async ({ page, request, context }) => {
  let { none } = escaped(page)
  let log = endpoint('flaky')
  let url = await serve(request, { config: { ...config, logEndpoint: log.url }, body: tags })
  await page.goto(url)
  await known(page)
  await page.evaluate(() => window.candor.set({ analytics: true, marketing: false }))
  await expect.poll(async () => (await queued(page)).map(q => q.tries)).toEqual([1])
  let [waiting] = await queued(page)
  await page.request.get(`${BAD_LOG}/heal/${log.run}`)
  // Within the backoff (1 minute), a page view does not post it again.
  await page.reload()
  await known(page)
  await page.waitForTimeout(500)
  expect(await log.hits(page)).toHaveLength(1)
  // Two minutes later, it is delivered under the same key and leaves the queue.
  let later = await context.newPage()
  let after = escaped(later)
  await later.addInitScript(() => {
    let now = Date.now.bind(Date)
    Date.now = () => now() + 120_000
  })
  await later.goto(url)
  await expect.poll(() => log.hits(later)).toHaveLength(2)
  let [first, second] = (await log.hits(later)).map(h => JSON.parse(h) as { key: string })
  expect(second!.key).toBe(first!.key)
  expect(second!.key).toBe(waiting!.entry.key)
  await expect.poll(() => queued(later)).toEqual([])
  expect(await later.evaluate(() => window.candor.$consent.get().purposes)).toEqual(chosen)
  expect(await ran(later)).toEqual(['analytics'])
  after.none()
  none()
})
