/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact'
import type { VNode } from 'preact'
import { custom } from './choices'
import type { Context } from './context'
import { buttons } from './buttons'
import { purpose } from './purpose'

/**
 * The preference centre, a modal `dialog` (focus stays inside, Esc closes it): every purpose
 * with its switch and details, the consent id and the date of the last decision, and "Save
 * choices", "Accept all", "Reject all" over every optional purpose.
 *
 * @example
 * render(centre(c), root)
 */
export function centre(c: Context): VNode {
  let { config, state, t } = c
  return (
    <dialog class="l" aria-label={t('centreTitle')} onClose={() => c.hide('preferences')}>
      {/* A button of a method="dialog" form closes the dialog natively, as Esc does. */}
      <form method="dialog">
        <button class="x" aria-label={t('close')}>
          ×
        </button>
        <h2>{t('centreTitle')}</h2>
      </form>
      <div class="sc">
        {config.purposes.map(p => purpose(c, p))}
        {state.id && (
          <p>
            {t('consentId')}: {state.id}
            <br />
            {t('lastDecision')}: {new Date(state.updatedAt!).toLocaleString(c.lang)}
          </p>
        )}
      </div>
      {buttons(c, [
          ['save', e => c.decide(e, seen => c.candor.set(custom(config.purposes, c.on), 'custom', seen))],
          ['acceptAll', e => c.decide(e, seen => c.candor.acceptAll({ seen }))],
          ['rejectAll', e => c.decide(e, seen => c.candor.rejectAll({ seen }))]
      ])}
    </dialog>
  )
}
