import { describe, expect, it } from 'vitest'
import { pick } from '../../src/ui/language'

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
