/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { ComponentChildren, VNode } from 'preact'
import type { Context } from './context'

/**
 * A heading that labels its switch: a real checkbox with `role="switch"`, so assistive tools
 * announce "on" / "off". `locked` shows a required purpose or its services: on, and disabled.
 *
 * @example
 * toggle(c, 'h4', 'analytics/matomo', 'Matomo', false)
 */
export const toggle = (c: Context, H: 'h3' | 'h4', name: string, title: ComponentChildren, locked: boolean): VNode => (
  <H>
    <label>
      <input type="checkbox" role="switch" checked={locked || !!c.on[name]} disabled={locked} onChange={e => c.flip(name, e.currentTarget.checked)} /> {title}
    </label>
  </H>
)
