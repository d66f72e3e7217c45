import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { Candidate } from './pages'
import { fileOf } from './server'

/** Bytes of the widget's files, as sent and as they would be compressed. */
export interface Bytes {
  raw: number
  gzip: number
  brotli: number
  files: string[]
}

/** One candidate's numbers from one round. */
export interface Sample {
  id: string
  first: { bytes: Bytes; scriptMs: number; bannerMs: number | null; cls: number }
  returning: { bytes: Bytes; scriptMs: number }
  acceptToTagMs: number | null
  /** Correctness violations; the run fails when any is non-empty. */
  violations: string[]
}

const SETTLE_MS = 500
const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>()

/** Sizes of one served file, compressed as a server with maximal settings would (size-limit uses brotli 11). */
function sizeOf(file: string): { raw: number; gzip: number; brotli: number } {
  let known = sizes.get(file)
  if (known) return known
  let body = readFileSync(file)
  let size = {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
  sizes.set(file, size)
  return size
}

/** Everything a page view of `page` fetches besides its HTML, the tags and `/collect`: the widget. */
function watch(page: Page): { bytes: () => Bytes; collects: string[] } {
  let files: string[] = []
  let collects: string[] = []
  page.on('requestfinished', request => {
    let path = new URL(request.url()).pathname
    if (path == '/collect') collects.push(request.url())
    else if (fileOf(path)) files.push(path)
  })
  page.on('requestfailed', request => {
    if (new URL(request.url()).pathname == '/collect') collects.push(request.url())
  })
  let bytes = (): Bytes => {
    let sum = { raw: 0, gzip: 0, brotli: 0, files: [...files] }
    for (let path of files) {
      let s = sizeOf(fileOf(path) as string)
      sum.raw += s.raw
      sum.gzip += s.gzip
      sum.brotli += s.brotli
    }
    return sum
  }
  return { bytes, collects }
}

/** In-page probes: when the banner first shows (rAF loop), layout shifts, and the time of the visitor's click. */
const probes = (banner: string | null): string => `
window.__tags = window.__tags || {}; window.__cls = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value }).observe({ type: 'layout-shift', buffered: true });
document.addEventListener('click', () => { window.__clickAt = performance.now() }, true);
window.__visible = () => { const el = ${banner ?? 'null'}; if (!el) return false;
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility != 'hidden' && s.display != 'none' && +s.opacity > 0 };
if (${banner ? 'true' : 'false'}) (function tick() { if (window.__visible()) window.__bannerAt = performance.now();
  else if (performance.now() < 8000) requestAnimationFrame(tick) })();`

/** Opens a throttled page; script time is read from its CDP session. */
async function open(context: BrowserContext, banner: string | null): Promise<{ page: Page; scriptMs: () => Promise<number> }> {
  let page = await context.newPage()
  await page.addInitScript(probes(banner))
  let cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await cdp.send('Performance.enable')
  let scriptMs = async (): Promise<number> => {
    let { metrics } = await cdp.send('Performance.getMetrics')
    return (metrics.find(m => m.name == 'ScriptDuration')?.value ?? NaN) * 1000
  }
  return { page, scriptMs }
}

const num = (page: Page, expr: string): Promise<number | null> => page.evaluate(`typeof (${expr}) == 'number' ? (${expr}) : null`) as Promise<number | null>

/** Measures one candidate once: a first visit accepting, a returning visit, and a first visit rejecting. */
export async function measure(browser: Browser, origin: string, c: Candidate): Promise<Sample> {
  let url = `${origin}/${c.id}.html`
  let violations: string[] = []
  let context = await browser.newContext()
  try {
    let first = await open(context, c.banner)
    let seen = watch(first.page)
    await first.page.goto(url, { waitUntil: 'load' })
    let bannerMs: number | null = null
    if (c.banner) {
      await first.page.waitForFunction('window.__bannerAt', null, { timeout: 15000 })
      bannerMs = await num(first.page, 'window.__bannerAt')
    }
    await first.page.waitForTimeout(SETTLE_MS)
    let firstScript = await first.scriptMs()
    let cls = (await num(first.page, 'window.__cls')) ?? NaN
    let firstBytes = seen.bytes()
    let acceptToTagMs: number | null = null
    if (c.banner) {
      if (seen.collects.length) violations.push(`${c.id}: /collect requested before a choice`)
      await first.page.click(c.accept)
      await first.page.waitForFunction('window.__tags.analytics && window.__tags.marketing', null, { timeout: 10000 })
      let tagAt = (await num(first.page, 'Math.min(window.__tags.analytics, window.__tags.marketing)')) ?? NaN
      acceptToTagMs = tagAt - ((await num(first.page, 'window.__clickAt')) ?? NaN)
    }
    await first.page.close()

    // A new context with the stored decision: a page in the same context would share the renderer
    // process, whose ScriptDuration counts the first visit too.
    let backContext = await browser.newContext({ storageState: await context.storageState() })
    await context.close()
    context = backContext
    let back = await open(context, null)
    let seenBack = watch(back.page)
    await back.page.goto(url, { waitUntil: 'load' })
    await back.page.waitForFunction('window.__tags.analytics && window.__tags.marketing', null, { timeout: 10000 }).catch(() => {
      violations.push(`${c.id}: not both tags on the returning visit after accept`)
    })
    await back.page.waitForTimeout(SETTLE_MS)
    let backScript = await back.scriptMs()
    if (c.banner && (await back.page.evaluate(probes(c.banner) + '; window.__visible()'))) violations.push(`${c.id}: banner on the returning visit`)
    let backBytes = seenBack.bytes()
    await back.page.close()
    if (c.banner) violations.push(...(await rejects(browser, url, c)))
    return {
      id: c.id,
      first: { bytes: firstBytes, scriptMs: firstScript, bannerMs, cls },
      returning: { bytes: backBytes, scriptMs: backScript },
      acceptToTagMs,
      violations
    }
  } finally {
    await context.close()
  }
}

/** Rejecting: no `/collect` after the click, nor on the next page view, and no banner then. */
async function rejects(browser: Browser, url: string, c: Candidate): Promise<string[]> {
  let violations: string[] = []
  let context = await browser.newContext()
  try {
    let page = await context.newPage()
    await page.addInitScript(probes(c.banner))
    let seen = watch(page)
    await page.goto(url)
    await page.waitForFunction('window.__bannerAt', null, { timeout: 15000 })
    // As on the accept path: tarteaucitron shows its banner before it has loaded its services list,
    // and a "deny all" before then denies nothing (it stores "wait"), so its banner comes back.
    await page.waitForTimeout(SETTLE_MS)
    await page.click(c.reject)
    await page.waitForTimeout(SETTLE_MS)
    await page.goto(url, { waitUntil: 'load' })
    // tarteaucitron loads its services list after load and only then hides its banner element.
    await page.waitForTimeout(3 * SETTLE_MS)
    if (seen.collects.length) violations.push(`${c.id}: /collect requested after reject`)
    if (await page.evaluate('window.__visible()')) violations.push(`${c.id}: banner on the visit after reject`)
  } finally {
    await context.close()
  }
  return violations
}
