import type { ComponentChild } from 'preact'
import type { View } from '../core/parts'
import type { Candor } from '../core/consent'
import type { Choices, ConsentState, Text, ValidConfig } from '../core/types'
import type { Key } from '../core/texts'

/**
 * What the layers render from and act through; made afresh by `mount` for every render.
 *
 * @example
 * const Title = ({ c }: { c: Context }) => <h2>{c.t('bannerTitle')}</h2>
 */
export interface Context {
  config: ValidConfig
  state: ConsentState
  /** The visitor's language, a valid language tag. */
  lang: string
  /** A built-in text in the visitor's language, or its override. */
  t(key: Key): string
  /** A config text in the visitor's language, as text with `{policy}` and `{imprint}` links. */
  text(text: Text): ComponentChild[]
  /** The switches of the preference centre. */
  on: Choices
  candor: Candor
  /** Records a decision through `act`, given the text of the layer the event came from: what the visitor saw. */
  decide(event: Event, act: (seen: string) => Promise<void>): void
  /** Flips the switch of a purpose or a `purpose/service`. */
  flip(name: string, value: boolean): void
  show(view: View): void
  /** Closes a layer without recording anything. */
  hide(view: View): void
}
