/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { VNode } from 'preact'
import type { Context } from './context'
import { buttons } from './buttons'

/**
 * The first layer: what each optional purpose is for, and "Accept all", "Reject all" and
 * "Settings". On a re-consent it names only the new or changed purposes and decides only those,
 * so earlier answers are kept. A `section` in the page for `bar` and `box` (the page stays
 * usable), a modal `dialog` for `modal`.
 *
 * @example
 * render(banner(c), root)
 */
export function banner(c: Context): VNode {
  let { config, state, t } = c
  let asked = state.decided ? undefined : state.pending
  let Layer: 'dialog' | 'section' = config.ui.layout == 'modal' ? 'dialog' : 'section'
  return (
    <Layer class={'l ' + config.ui.layout} aria-label={t('bannerTitle')} onClose={() => c.hide('banner')}>
      <div class="sc">
        <h2>{t('bannerTitle')}</h2>
        <p>{c.text(t('bannerText'))}</p>
        {state.id && asked && <p>{t('newText')}</p>}
        <ul>
          {config.purposes
            .filter(p => !p.required && (!asked || asked.includes(p.id)))
            .map(p => (
              <li>
                <b>{c.text(p.title)}</b>: {c.text(p.description)}
              </li>
            ))}
        </ul>
        {state.gpc && <p>{t('gpc')}</p>}
      </div>
      {buttons(c, [
          ['acceptAll', e => c.decide(e, seen => c.candor.acceptAll({ seen, pending: !!asked }))],
          ['rejectAll', e => c.decide(e, seen => c.candor.rejectAll({ seen, pending: !!asked }))],
          ['settings', () => c.show('preferences')]
      ])}
    </Layer>
  )
}
