/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { VNode } from 'preact'
import type { Purpose, Text } from '../core/types'
import type { Context } from './context'
import { toggle } from './switch'
import type { Key } from '../core/texts'

const facts = (c: Context, rows: [Key, Text | undefined][]): VNode[] =>
  rows
    .filter(([, value]) => value)
    .map(([key, value]) => (
      <p>
        <b>{c.t(key)}:</b> {c.text(value!)}
      </p>
    ))

/**
 * One purpose in the preference centre: its switch, what it is for, what data, on which legal
 * basis, for how long, and its services (collapsed) with their own switches and details.
 *
 * @example
 * purpose(c, config.purposes[1])
 */
export const purpose = (c: Context, p: Purpose): VNode => (
  <div>
    {toggle(c, 'h3', p.id, [c.text(p.title), p.required && ` (${c.t('alwaysOn')})`], p.required)}
    <p>{c.text(p.description)}</p>
    {facts(c, [['data', p.data], ['legalBasis', p.legalBasis], ['retention', p.retention]])}
    {p.services[0] && (
      <details>
        <summary>{c.t('services')}</summary>
        <ul>
          {p.services.map(s => (
            <li>
              {toggle(c, 'h4', p.id + '/' + s.id, s.name, p.required)}
            {s.description && <p>{c.text(s.description)}</p>}
            {facts(c, [['provider', s.provider], ['country', s.country], ['retention', s.retention], ['storage', [...s.cookies, ...s.storage].join(', ')]])}
            {s.privacyUrl && <a href={s.privacyUrl}>{c.t('policy')}</a>}
            </li>
          ))}
        </ul>
      </details>
    )}
  </div>
)
