// @vitest-environment node
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { collect, update } from '../scripts/scenarios.js'

it('README lists every hardening scenario the tests cover (run npm run scenarios when this fails)', () => {
  let readme = readFileSync('README.md', 'utf8')
  expect(update(readme, collect())).toBe(readme)
}, 60_000)
