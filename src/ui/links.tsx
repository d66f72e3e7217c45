/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import { h } from 'preact'
import type { ComponentChild } from 'preact'
import type { ValidConfig } from '../core/types'
import type { Key } from '../core/texts'

/**
 * Turns `{policy}` and `{imprint}` in a text into links to `policyUrl` and `imprintUrl` (which
 * the config validator allows only as https, relative or loopback URLs), labelled with the texts
 * `policy` and `imprint`; without a URL the label stays plain text. Everything else is text.
 *
 * @example
 * linker(config, t)('More in our {policy}.') // ['More in our ', <a href="/datenschutz">Privacy Policy</a>, '.']
 */
export const linker =
  (config: Pick<ValidConfig, 'policyUrl' | 'imprintUrl'>, t: (key: Key) => string) =>
  (text: string): ComponentChild[] =>
    text.split(/\{(policy|imprint)\}/).map((part, i) => {
      if (i % 2 == 0) return part
      let url = config[part == 'policy' ? 'policyUrl' : 'imprintUrl']
      let label = t(part as Key)
      return url ? <a href={url}>{label}</a> : label
    })
