import { describe, expect, it, vi } from 'vitest'
import { pick, translator } from '../../src/ui/language'
import { de, en } from '../../src/ui/texts'

describe('pick', () => {
  it('shows a plain string as it is', () => {
    expect(pick('Marketing', 'de')).toBe('Marketing')
  })

  it('prefers the exact tag, then the primary language, in any case', () => {
    expect(pick({ 'de-AT': 'Servus', de: 'Hallo', en: 'Hello' }, 'de-at')).toBe('Servus')
    expect(pick({ de: 'Hallo', en: 'Hello' }, 'de-ch')).toBe('Hallo')
  })

  it('falls back to English, then to the first translation, never to nothing', () => {
    expect(pick({ de: 'Hallo', en: 'Hello' }, 'fr')).toBe('Hello')
    expect(pick({ de: 'Hallo', it: 'Ciao' }, 'fr')).toBe('Hallo')
  })
})

describe('translator', () => {
  it('has complete German and English texts', () => {
    expect(Object.keys(de)).toEqual(Object.keys(en))
    expect(Object.values(de).every(Boolean)).toBe(true)
  })

  it('uses overrides for the language, then built-in texts, then English', () => {
    let t = translator({ texts: { de: { acceptAll: 'Alle erlauben' }, en: { save: 'Save' } } }, 'de-at', () => {})
    expect(t('acceptAll')).toBe('Alle erlauben')
    expect(t('rejectAll')).toBe('Alle ablehnen')
    let fr = translator({ texts: { fr: { acceptAll: 'Tout accepter', rejectAll: '' }, en: { save: 'Keep' } } }, 'fr', () => {})
    expect([fr('acceptAll'), fr('rejectAll'), fr('save'), fr('settings')]).toEqual(['Tout accepter', 'Reject all', 'Keep', 'Settings'])
  })

  it('warns once about each override key it does not know, and not about inherited names', () => {
    let warn = vi.fn()
    translator({ texts: { de: { acceptAll: 'Ja', acept: 'x' }, en: { toString: 'x' } } }, 'de', warn)
    expect(warn.mock.calls).toEqual([['texts.de.acept: unknown text key, ignored'], ['texts.en.toString: unknown text key, ignored']])
  })
})
