import { page } from './api'
import { connect } from './integrations/connect'

import { createCandor as create } from './consent'
import type { Env } from './consent'
import type { Load, Parts } from './parts'
export type { Candor, Env } from './consent'
export type { Load, Parts, Ui, UiEnv, View } from './parts'
export { CandorConfigError } from './error'
export type * from './types'

// The ESM build shares the page's one instance with the script tag: importing it twice, or beside
// the script tag, still gives one state and tags that fire once.
const load = ((part: keyof Parts) =>
  part == 'decide'
    ? import('./decide')
    : // @ts-expect-error The UI is its own build: candor-ui.js beside this file in dist/, reached only at run time.
      import('./candor-ui.js')) as Load
const api = page(globalThis as Window & typeof globalThis, load, connect)

/**
 * A separate instance, for tests and apps that manage their own; the page's one is `window.candor`.
 * @example const candor = createCandor({ storage: sessionStorage }); await candor.init(config)
 */
export const createCandor = (env: Partial<Env> = {}) => create({ load, connect, ...env })

/** Starts Candor; rejects with `CandorConfigError` on a bad config. @example await init({ purposes: { analytics: { title: 'Statistics', description: 'Counts visits.' } } }) */
export const init = api.init
/** Whether an expression holds now. @example if (granted('analytics')) track() */
export const granted = api.granted
/** Runs `fn` now if granted, else once when granted; returns a cancel function. @example whenGranted('marketing/meta', loadPixel) */
export const whenGranted = api.whenGranted
/** Calls `fn` with the new state after every change; returns an unsubscribe function. @example on('change', state => console.log(state.purposes)) */
export const on = api.on
/** Grants every purpose and service. @example await acceptAll() */
export const acceptAll = api.acceptAll
/** Denies every optional purpose. @example await rejectAll() */
export const rejectAll = api.rejectAll
/** Sets purposes and services; others keep their answer. @example await set({ analytics: true, 'marketing/meta': false }) */
export const set = api.set
/** Withdraws everything, deletes declared cookies and storage and the record. @example await forget() */
export const forget = api.forget
/** The latest decision as proof of consent, or null. @example receipt()?.id */
export const receipt = api.receipt
/** The consent state store (nanostores). @example $consent.subscribe(state => render(state)) */
export const $consent = api.$consent
