import { describe, expect, it } from 'vitest'
import { language } from '../../src/core/language'

const page = (lang: string, languages: string[] = []) =>
  ({ document: { documentElement: { lang } }, navigator: { languages } }) as unknown as Window

describe('language', () => {
  it('takes config.language, then <html lang>, then the browser, then English', () => {
    expect(language({ language: 'de' }, page('en', ['fr']))).toBe('de')
    expect(language({}, page('de-AT', ['fr']))).toBe('de-at')
    expect(language({}, page('', ['fr-CA', 'en']))).toBe('fr-ca')
    expect(language({}, page(''))).toBe('en')
  })

  it('falls back to English for a page language that is no valid tag', () => {
    expect(language({}, page('de_DE'))).toBe('en')
    expect(language({}, page('de-12'))).toBe('en')
  })
})
