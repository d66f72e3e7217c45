// Every .tsx file here uses the classic runtime: render() already bundles preact's h(), while the
// automatic runtime adds its own jsx() and a children array per element (about 190 bytes brotli).
/** @jsxRuntime classic */
/** @jsx h */
import { h, render } from 'preact'
import type { Ui, UiEnv, View } from '../core/parts'
import type { Choices, Text } from '../core/types'
import { banner } from './banner'
import { centre } from './centre'
import { flip, switches } from './choices'
import type { Key } from '../core/texts'
import { pick } from './language'
import { linker } from './links'
import { css } from './style'

/**
 * Mounts the banner and the preference centre of one Candor in a `<candor-consent>` element
 * with an open shadow root (so the shop's CSS cannot reach in, nor ours out, while assistive
 * tools and banner-answering extensions still can), first in `<body>` so it is first in tab
 * order. The layers follow `candor.$consent`: the banner opens while a decision is needed, and a
 * decision made anywhere (another tab included) closes it.
 *
 * @example
 * const ui = mount({ candor, config, window })
 * ui.show('preferences')
 */
export function mount({ candor, config, window: win }: UiEnv): Ui {
  let doc = win.document
  let host = doc.createElement('candor-consent')
  let root = host.attachShadow({ mode: 'open' })
  let sheet = new win.CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [sheet]
  // Set through the CSSOM, which a strict style-src allows, unlike a style attribute in markup.
  for (let k of ['accent', 'radius', 'font'] as const) if (config.ui[k]) host.style.setProperty('--candor-' + k, config.ui[k]!)
  // Resolved by the lazy part, which records the same language in the receipt.
  let lang = config.language || 'en'
  let t = (key: Key): string => config.labels![key]
  let rich = linker(config, t)
  // The banner is open whenever a decision is needed, and on request.
  let open = { banner: !candor.$consent.get().decided, preferences: false }
  let on: Choices = {}

  let show = (view: View): void => {
    if (view == 'preferences' && !open.preferences) on = switches(candor.$consent.get())
    open[view] = true
    draw()
  }
  let hide = (view: View): void => {
    open[view] = false
    draw()
  }
  // A decision in flight: a double click, or Enter then a click, makes one decision and one receipt.
  let busy = false
  let decide = (event: Event, act: (seen: string) => Promise<void>): void => {
    if (busy) return
    busy = true
    let layer = (event.currentTarget as HTMLElement).closest<HTMLElement>('.l')!
    // A decision closes the banner through $consent; a dialog is closed natively, which returns
    // focus to where it was before it opened (WCAG 2.4.3).
    act(layer.innerText)
      .then(() => (layer as HTMLDialogElement).close?.(), console.error)
      .finally(() => (busy = false))
  }

  function draw(): void {
    let c = {
      candor,
      config,
      state: candor.$consent.get(),
      lang,
      t,
      text: (text: Text) => rich(pick(text, lang)),
      on,
      decide,
      flip(name: string, value: boolean) {
        on = flip(config.purposes, on, name, value)
        draw()
      },
      show,
      hide
    }
    render(
      <div class={'c ' + config.ui.theme} lang={lang}>
        {open.banner && banner(c)}
        {open.preferences && centre(c)}
        {config.ui.reopenButton && !open.banner && !open.preferences && (
          <button class="r" aria-label={t('centreTitle')} onClick={() => show('preferences')}>
            ⚙
          </button>
        )}
      </div>,
      root
    )
    // showModal() makes the page inert, keeps focus inside and closes on Esc; it needs a connected dialog.
    if (host.isConnected) for (let d of root.querySelectorAll('dialog')) if (!d.open) d.showModal()
  }

  candor.$consent.listen(state => {
    open.banner = !state.decided
    on = switches(state)
    // After the gate's turn (a microtask it queued from its own listener), so the tags the visitor
    // just granted do not wait for the banner to re-render; either way it changes in the same frame.
    queueMicrotask(draw)
  })
  // The core may mount before the parser has reached <body>.
  let attach = (): void => {
    doc.body.prepend(host)
    draw()
  }
  if (doc.body) attach()
  else doc.addEventListener('DOMContentLoaded', attach)
  return { show }
}
