/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { VNode } from 'preact'
import type { Context } from './context'
import type { Key } from '../core/texts'

/**
 * The row of buttons at the foot of a layer. All look alike, so "Accept all" and "Reject all"
 * are equally prominent (EDPB Cookie Banner Taskforce report, January 2023, type A and B).
 *
 * @example
 * buttons(c, [['acceptAll', e => accept(e)], ['rejectAll', e => reject(e)]])
 */
export const buttons = (c: Context, actions: [Key, (event: Event) => void][]): VNode => (
  <div class="bs">
    {actions.map(([key, act]) => (
      <button onClick={act}>
        {c.t(key)}
      </button>
    ))}
  </div>
)
