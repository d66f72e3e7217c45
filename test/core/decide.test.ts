import { Window as HappyWindow } from 'happy-dom'
import { atom } from 'nanostores'
import { describe, expect, it } from 'vitest'
import { createWriter } from '../../src/core/decide'
import { EMPTY, derive } from '../../src/core/state'
import { memoryStorage } from '../../src/core/storage'
import type { ConsentRecord } from '../../src/core/types'

const config = {
  purposes: {
    necessary: { title: 'N', description: 'n', required: true, services: [{ id: 'shop', name: 'Shop', provider: 'Us' }] },
    analytics: { title: 'A', description: 'a', services: [{ id: 'matomo', name: 'Matomo', provider: 'Us' }, { id: 'hotjar', name: 'Hotjar', provider: 'Them' }] },
    marketing: { title: 'M', description: 'm', services: [{ id: 'meta', name: 'Meta', provider: 'Meta' }] }
  }
}

/** A writer on a fresh page; `gpc` as the core would pass it. */
function writer(gpc = false) {
  const win = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Window & typeof globalThis
  const storage = memoryStorage()
  const w = createWriter(config, { window: win, storage: () => storage, warn: () => {}, $consent: atom(EMPTY), gpc, adapters: {}, announce() {} })
  const state = (r: ConsentRecord) => derive(w.config.purposes, r)
  return { w, state }
}

describe('createWriter: accept all and reject all', () => {
  it('accept all grants every optional purpose and its services', async () => {
    const { w, state } = writer()
    const s = state(await w.all(null, true))
    expect(s.purposes).toEqual({ necessary: true, analytics: true, marketing: true })
    expect(Object.values(s.services).every(Boolean)).toBe(true)
  })

  it('reject all denies every optional purpose and its services', async () => {
    const { w, state } = writer()
    const s = state(await w.all(await w.all(null, true), false))
    expect(s.purposes).toEqual({ necessary: true, analytics: false, marketing: false })
    expect(s.services).toEqual({ 'necessary/shop': true, 'analytics/matomo': false, 'analytics/hotjar': false, 'marketing/meta': false })
  })

  it('with pending, decides only the purposes still to ask about and keeps the other answers, services included', async () => {
    const { w, state } = writer()
    const earlier = await w.decide(null, { analytics: true, 'analytics/hotjar': false, marketing: false }, 'custom')
    // As if marketing had been added since: its answer is gone.
    const { marketing, ...kept } = earlier.purposes
    expect(marketing).toBeDefined()
    const asked = { ...earlier, purposes: kept }
    expect(state(await w.all(asked, true, { pending: true }))).toMatchObject({
      purposes: { analytics: true, marketing: true },
      services: { 'analytics/hotjar': false, 'analytics/matomo': true }
    })
    expect(state(await w.all(asked, false, { pending: true })).purposes).toEqual({ necessary: true, analytics: true, marketing: false })
  })

  it('under Global Privacy Control, accept all leaves what it objects to as it was', async () => {
    const { w, state } = writer(true)
    expect(state(await w.all(null, true)).purposes).toEqual({ necessary: true, analytics: true, marketing: false })
    const granted = await w.decide(null, { analytics: false, marketing: true }, 'custom')
    expect(state(await w.all(granted, true)).purposes).toEqual({ necessary: true, analytics: true, marketing: true })
  })

  it('hashes the text the visitor saw into the receipt', async () => {
    const { w } = writer()
    const r = await w.all(null, true, { seen: 'abc' })
    expect(await w.receipt(r)).toMatchObject({ method: 'accept-all', textHash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' })
  })
})
