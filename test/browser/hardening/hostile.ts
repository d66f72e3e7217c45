import { randomUUID } from 'node:crypto'
import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'
import { PORT, TP } from '../shop'

/** The misbehaving consent log (log-server.js); nothing listens on the port after it. */
export const BAD_LOG = `http://127.0.0.1:${PORT + 5}`
export const OFFLINE = `http://127.0.0.1:${PORT + 6}/log`

/** A fresh endpoint of `mode` for one test, and what it received. */
export function endpoint(mode: string): { url: string; hits: (page: Page) => Promise<string[]>; run: string } {
  let run = randomUUID()
  return {
    url: `${BAD_LOG}/${mode}/${run}/log`,
    run,
    hits: async page => (await (await page.request.get(`${BAD_LOG}/hits/${mode}/${run}`)).json()) as string[]
  }
}

/** A gated analytics tag and a gated marketing tag from the third-party origin. */
export const tags =
  `<script type="text/plain" data-consent="analytics" src="${TP}/tag.js?name=analytics"></script>` +
  `<script type="text/plain" data-consent="marketing" src="${TP}/tag.js?name=marketing&cookie=_fbp"></script>`

/** Collects every error that escaped to the page; call `none()` at the end of the test. */
export function escaped(page: Page): { errors: string[]; none: () => void } {
  let errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  return { errors, none: () => expect(errors).toEqual([]) }
}
