import { expect, test } from '@playwright/test'
import { run } from '../../bench/round'
import { PORT } from './shop'

// One round of the benchmark (`npm run bench`), so a change that breaks a candidate page or the
// correctness controls shows up in `npm test`. Its port is clear of the ports the other tests use.
test('one bench round: correctness controls hold and every number is finite', async () => {
  test.setTimeout(120_000)
  let [round] = await run(1, PORT + 20)
  for (let s of round) {
    expect(s.violations, s.id).toEqual([])
    for (let v of [s.first.bytes.brotli, s.first.scriptMs, s.returning.scriptMs, s.first.cls]) expect(Number.isFinite(v), s.id).toBe(true)
    if (s.id != 'control') {
      expect(s.first.bannerMs, s.id).toBeGreaterThan(0)
      expect(s.acceptToTagMs, s.id).toBeGreaterThanOrEqual(0)
    }
  }
})
