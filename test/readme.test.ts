import { readFileSync } from 'node:fs'
import { Window as HappyWindow } from 'happy-dom'
import { describe, expect, it, vi } from 'vitest'
import { validate } from '../src/core/config'
import { createCandor } from '../src/core/consent'
import type { Load } from '../src/core/parts'
import { memoryStorage } from '../src/core/storage'

// The README is the user's manual: its examples must work as written.
const readme = readFileSync('README.md', 'utf8')
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(m => ({ lang: m[1], code: m[2] }))
const setup = blocks.find(b => b.lang == 'html' && b.code.includes('id="candor-config"'))!.code
const config = JSON.parse(setup.split('id="candor-config">')[1].split('</script>')[0])

/** Splits an example into statements and the values their `// …` comments claim. */
function claims(code: string): { code: string; claim?: string }[] {
  let out: { code: string; claim?: string }[] = []
  for (let line of code.trim().split('\n')) {
    let comment = line.match(/^\s*\/\/ ?(.*)$/)
    if (comment) {
      if (out.length) out[out.length - 1].claim = (out[out.length - 1].claim ?? '') + comment[1] + ' '
      continue
    }
    let [statement, claim] = line.split(/ \/\/ /)
    out.push({ code: statement, claim })
  }
  return out
}

/** Compares a value with a claim in which `…` stands for anything. */
function matches(value: unknown, claim: string): void {
  let literal = claim.replace(/\{…\}/g, '"…"')
  let expected = Function(`return (${literal})`)() as unknown
  let same = (v: unknown, e: unknown, key: string): void => {
    if (e === '…') return
    // Ids and times in the README are examples; only their kind must match.
    if (['id', 'decidedAt', 'updatedAt', 'timestamp', 'config'].includes(key)) return void expect(typeof v).toBe(typeof e)
    if (e && typeof e == 'object') {
      expect(Object.keys(v as object).sort()).toEqual(Object.keys(e).sort())
      for (let k of Object.keys(e)) same((v as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], k)
    } else expect(v).toEqual(e)
  }
  same(value, expected, '')
}

describe('README', () => {
  it('has a setup snippet whose config is valid and warns about nothing', () => {
    const warn = vi.fn()
    expect(() => validate(config, warn)).not.toThrow()
    expect(warn).not.toHaveBeenCalled()
  })

  it('has an API example that does what its comments say', async () => {
    const example = blocks.find(b => b.code.includes('await candor.set('))!.code
    const win = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Window & typeof globalThis
    win.document.documentElement.lang = 'de'
    const candor = createCandor({ window: win, storage: memoryStorage(), load: ((part: string) => (part == 'decide' ? import('../src/core/decide') : Promise.resolve({ mount: () => ({ show() {} }) }))) as unknown as Load })
    await candor.init(config)
    const AsyncFunction = (async () => {}).constructor as FunctionConstructor
    const run = (c: unknown, code: string): Promise<unknown> => new AsyncFunction('candor', 'return ' + code)(c)
    let checked = 0
    for (const { code, claim } of claims(example)) {
      const value = await run(candor, code)
      if (claim) {
        matches(value, claim)
        checked++
      }
    }
    expect(checked).toBe(3)
  })
})
