import { describe, expect, it } from 'vitest'
import type { VNode } from 'preact'
import { linker } from '../../src/ui/links'
import type { Key } from '../../src/core/texts'

const t = (key: Key): string => ({ policy: 'Privacy Policy', imprint: 'Imprint' })[key as 'policy' | 'imprint']

describe('linker', () => {
  it('turns {policy} and {imprint} into links to the configured URLs', () => {
    let [before, policy, middle, imprint, after] = linker({ policyUrl: '/privacy', imprintUrl: 'https://shop.example/imprint' }, t)('See {policy} and {imprint}.') as [
      string,
      VNode<{ href: string; children: string }>,
      string,
      VNode<{ href: string; children: string }>,
      string
    ]
    expect([before, middle, after]).toEqual(['See ', ' and ', '.'])
    expect([policy.type, policy.props.href, policy.props.children]).toEqual(['a', '/privacy', 'Privacy Policy'])
    expect([imprint.type, imprint.props.href, imprint.props.children]).toEqual(['a', 'https://shop.example/imprint', 'Imprint'])
  })

  it('leaves the label as text when the URL is not configured, and other braces alone', () => {
    expect(linker({}, t)('{imprint} · {other} · <b>')).toEqual(['', 'Imprint', ' · {other} · <b>'])
  })
})
