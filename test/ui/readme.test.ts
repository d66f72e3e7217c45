import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { de, en } from '../../src/core/texts'

// The README's table of text keys is what shops override; it must match the built-in texts.
describe('README', () => {
  it('lists every built-in text key with its English and German default', () => {
    let rows = [...readFileSync('README.md', 'utf8').matchAll(/^\| `(\w+)` \| (.*) \| (.*) \|$/gm)].filter(m => Object.hasOwn(en, m[1]))
    expect(Object.fromEntries(rows.map(m => [m[1], [m[2], m[3]]]))).toEqual(
      Object.fromEntries(Object.keys(en).map(k => [k, [en[k as keyof typeof en], de[k as keyof typeof de]]]))
    )
  })
})
