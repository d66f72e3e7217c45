import { chromium } from '@playwright/test'
import type { Browser } from '@playwright/test'
import { chromium as launchOptions } from '../test/browser/chromium'
import { measure } from './measure'
import type { Sample } from './measure'
import { candidates } from './pages'
import type { Candidate } from './pages'
import { serve } from './server'

/** Runs `rounds` rounds, every candidate once per round in the same order (interleaved A B C …). */
export async function run(rounds: number, port: number, log: (line: string) => void = () => {}, only: Candidate[] = candidates): Promise<Sample[][]> {
  let server = await serve(only, port)
  let browser: Browser = await chromium.launch(launchOptions)
  try {
    let all: Sample[][] = []
    for (let r = 0; r < rounds; r++) {
      let round: Sample[] = []
      for (let c of only) round.push(await measure(browser, `http://127.0.0.1:${port}`, c))
      log(`round ${r + 1}/${rounds}: ` + round.map(s => `${s.id} ${s.first.scriptMs.toFixed(0)}ms`).join(', '))
      all.push(round)
    }
    return all
  } finally {
    await browser.close()
    server.close()
  }
}
