import { describe, expect, it } from 'vitest'
import { de, en, labels } from '../../src/core/texts'

describe('labels', () => {
  it('has complete German and English texts', () => {
    expect(Object.keys(de)).toEqual(Object.keys(en))
    expect(Object.values(de).every(Boolean)).toBe(true)
  })

  it('uses overrides for the language, then built-in texts, then English', () => {
    let t = labels({ de: { acceptAll: 'Alle erlauben' }, en: { save: 'Save' } }, 'de-at')
    expect(t.acceptAll).toBe('Alle erlauben')
    expect(t.rejectAll).toBe('Alle ablehnen')
    let fr = labels({ fr: { acceptAll: 'Tout accepter', rejectAll: '' }, en: { save: 'Keep' } }, 'fr')
    expect([fr.acceptAll, fr.rejectAll, fr.save, fr.settings]).toEqual(['Tout accepter', 'Reject all', 'Keep', 'Settings'])
  })
})
