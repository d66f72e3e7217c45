import { describe, expect, it, vi } from 'vitest'
import type { Config } from '../../src/core/types'
import { config, settle, site } from './site'

describe('createCandor: the banner', () => {
  it('mounts the banner on a first visit, fetching the UI beside the validator', async () => {
    const s = site()
    const candor = s.visit()
    const ready = candor.init(config)
    expect(s.load.mock.calls.map(c => c[0])).toEqual(['ui', 'decide'])
    await ready
    await settle()
    expect(s.mounted).toEqual([expect.objectContaining({ candor, window: s.win })])
    expect((s.mounted[0] as { config: { purposes: { id: string }[] } }).config.purposes.map(p => p.id)).toEqual(['necessary', 'analytics', 'marketing'])
  })

  it('never loads the UI for a returning visitor', async () => {
    const s = site()
    await s.decided('rejectAll')
    s.load.mockClear()
    await s.visit().init(config)
    await settle()
    expect(s.load).not.toHaveBeenCalled()
  })

  it('asks again when a purpose is added, without fetching the UI before the config is checked', async () => {
    const s = site()
    await s.decided('acceptAll')
    await settle()
    s.mounted.length = 0
    s.load.mockClear()
    const changed: Config = { ...config, purposes: { ...config.purposes, personalization: { title: 'P', description: 'Tips.' } } }
    const again = s.visit()
    const ready = again.init(changed)
    expect(s.load.mock.calls.map(c => c[0])).toEqual(['decide'])
    await ready
    await settle()
    expect(s.mounted).toHaveLength(1)
    expect(again.$consent.get().pending).toEqual(['personalization'])
  })

  it('does not show the banner when the page decided while the UI was loading', async () => {
    const s = site()
    s.hold()
    await s.decided('acceptAll')
    s.release()
    await settle()
    expect(s.mounted).toHaveLength(1)
    expect(s.shown).toEqual([])
  })

  /** A visitor who rejected everything on an earlier page view, so no banner opens by itself. */
  async function returning() {
    const s = site()
    await s.decided('rejectAll')
    await settle()
    s.shown.length = 0
    s.mounted.length = 0
    const candor = s.visit()
    await candor.init(config)
    return { s, candor }
  }

  it('opens the banner or the preference centre on request, also after a decision', async () => {
    const { s, candor } = await returning()
    await candor.show()
    await candor.showPreferences()
    expect(s.shown).toEqual(['banner', 'preferences'])
    expect(s.mounted).toHaveLength(1)
  })

  it('opens the preference centre when an element marked data-candor-open is clicked', async () => {
    const s = site()
    await s.decided('rejectAll')
    await settle()
    s.shown.length = 0
    s.win.document.body.innerHTML = '<footer><a href="/datenschutz" data-candor-open><span>Cookie-Einstellungen</span></a></footer>'
    const click = new s.win.MouseEvent('click', { bubbles: true, cancelable: true })
    s.win.document.querySelector('span')!.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(s.shown).toEqual(['preferences']))
  })

  it('tries the UI download again after it failed', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = site()
    await s.decided('rejectAll')
    const candor = s.visit()
    await candor.init(config)
    s.fail.push('ui')
    await expect(candor.showPreferences()).rejects.toThrow('Failed to fetch')
    await candor.showPreferences()
    expect(s.shown.slice(-1)).toEqual(['preferences'])
    report.mockRestore()
  })
})
