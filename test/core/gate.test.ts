import { Window as HappyWindow } from 'happy-dom'
import { atom } from 'nanostores'
import { afterEach, describe, expect, it } from 'vitest'
import { createGate } from '../../src/core/gate'
import { EMPTY } from '../../src/core/state'
import type { ConsentState } from '../../src/core/types'

const base = { id: null, decidedAt: null, updatedAt: null, gpc: false, services: {} }

const firstVisit: ConsentState = {
  ...base,
  decided: false,
  pending: ['analytics', 'marketing'],
  purposes: { necessary: true, analytics: false, marketing: false },
  services: { 'analytics/matomo': false, 'analytics/hotjar': false }
}

const choose = (analytics: boolean, marketing: boolean, hotjar = analytics): ConsentState => ({
  ...base,
  decided: true,
  pending: [],
  purposes: { necessary: true, analytics, marketing },
  services: { 'analytics/matomo': analytics, 'analytics/hotjar': hotjar }
})

type Win = Window & typeof globalThis
type Attrs = { [name: string]: string }

let windows: Win[] = []
afterEach(async () => {
  await Promise.all(windows.map(w => (w as unknown as HappyWindow).happyDOM.close()))
  windows = []
})

/**
 * A page whose external scripts neither load nor fail until the test says so. happy-dom does
 * not fetch scripts here and reports an error during insertion; a capturing listener on the
 * document swallows those so the test decides when each script finishes.
 */
function page(state: ConsentState = firstVisit) {
  const win = new HappyWindow({ url: 'http://127.0.0.1/' }) as unknown as Win
  windows.push(win)
  const doc = win.document
  let releasing = false
  const swallow = (event: Event) => {
    if (!releasing) event.stopPropagation()
  }
  doc.addEventListener('load', swallow, true)
  doc.addEventListener('error', swallow, true)
  const $consent = atom(state)
  const warnings: string[] = []
  const add = (tag: string, attrs: Attrs, text = '', parent: Element = doc.body) => {
    const el = doc.createElement(tag)
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
    if (text) el.textContent = text
    parent.append(el)
    return el
  }
  const gated = (consent: string, attrs: Attrs = {}, text = '') =>
    add('script', { type: 'text/plain', 'data-consent': consent, ...attrs }, text)
  const start = () => createGate(win, $consent, m => warnings.push(m))
  const finish = (el: Element, type: 'load' | 'error') => {
    releasing = true
    el.dispatchEvent(new win.Event(type))
    releasing = false
  }
  const live = () =>
    Array.from(doc.querySelectorAll('script:not([type="text/plain"])')).map(s => s.id)
  return { win, doc, $consent, warnings, add, gated, start, finish, live }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise(r => setTimeout(r, 0))
}

const byId = (doc: Document, id: string) => doc.getElementById(id) as HTMLScriptElement

describe('createGate', () => {
  it('keeps gated scripts and iframes inert before consent', async () => {
    const p = page()
    p.gated('analytics', { id: 'a', src: '/a.js' })
    p.gated('analytics', { id: 'b' }, 'track()')
    const frame = p.add('iframe', { 'data-consent': 'marketing', 'data-src': 'https://video.example/' })
    p.start()
    await settle()
    expect(p.live()).toEqual([])
    expect(byId(p.doc, 'a').getAttribute('type')).toBe('text/plain')
    expect(frame.hasAttribute('src')).toBe(false)
    expect(p.warnings).toEqual([])
  })

  it('runs a granted script as a new element that keeps its attributes', async () => {
    const p = page(choose(true, false))
    const old = p.gated('analytics', {
      id: 'a', src: 'https://cdn.example/a.js', class: 'tag', integrity: 'sha384-abc',
      crossorigin: 'anonymous', referrerpolicy: 'no-referrer', 'data-site': '7'
    })
    p.start()
    await settle()
    const fresh = byId(p.doc, 'a')
    expect(fresh).not.toBe(old)
    expect(old.isConnected).toBe(false)
    expect(fresh.getAttribute('type')).toBe('')
    expect(fresh.getAttribute('src')).toBe('https://cdn.example/a.js')
    expect(fresh.getAttribute('class')).toBe('tag')
    expect(fresh.getAttribute('integrity')).toBe('sha384-abc')
    expect(fresh.getAttribute('crossorigin')).toBe('anonymous')
    expect(fresh.getAttribute('referrerpolicy')).toBe('no-referrer')
    expect(fresh.getAttribute('data-site')).toBe('7')
    expect(fresh.getAttribute('data-consent')).toBe('analytics')
    expect(fresh.async).toBe(false)
  })

  it('runs a script marked data-type="module" as a module', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'm', 'data-type': 'module' }, 'import "/x.js"')
    p.start()
    await settle()
    expect(byId(p.doc, 'm').getAttribute('type')).toBe('module')
    expect(byId(p.doc, 'm').getAttribute('data-type')).toBe('module')
  })

  it('copies the code of an inline script', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'i' }, 'window.seen = 1 < 2 && "<b>"')
    p.start()
    await settle()
    expect(byId(p.doc, 'i').text).toBe('window.seen = 1 < 2 && "<b>"')
  })

  it('keeps scripts of a denied purpose inert while granted ones run', async () => {
    const p = page(choose(true, false))
    p.gated('marketing', { id: 'ads' }, 'ads()')
    p.gated('analytics', { id: 'stats' }, 'stats()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['stats'])
  })

  it('runs inline scripts in document order', async () => {
    const p = page(choose(true, true))
    p.gated('marketing', { id: 'one' }, '1')
    p.gated('analytics', { id: 'two' }, '2')
    p.gated('necessary', { id: 'three' }, '3')
    const order: string[] = []
    new p.win.MutationObserver(rs => rs.forEach(r => r.addedNodes.forEach(n => order.push((n as Element).id))))
      .observe(p.doc.body, { childList: true })
    p.start()
    await settle()
    expect(order).toEqual(['one', 'two', 'three'])
  })

  it('runs an inline setup script only after the external library before it has loaded', async () => {
    const p = page()
    p.gated('analytics', { id: 'lib', src: 'https://cdn.example/sp.js' })
    p.gated('analytics', { id: 'setup' }, 'snowplow("newTracker")')
    p.gated('analytics', { id: 'other', src: '/other.js' })
    p.start()
    p.$consent.set(choose(true, false))
    await settle()
    expect(p.live()).toEqual(['lib'])
    p.finish(byId(p.doc, 'lib'), 'load')
    await settle()
    expect(p.live()).toEqual(['lib', 'setup', 'other'])
  })

  it('goes on with the next script when an external one fails to load', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'blocked', src: 'https://blocked.example/a.js' })
    p.gated('analytics', { id: 'next' }, 'next()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['blocked'])
    p.finish(byId(p.doc, 'blocked'), 'error')
    await settle()
    expect(p.live()).toEqual(['blocked', 'next'])
  })

  it('does not wait for an external script the browser will not run', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'template', src: '/t.html', 'data-type': 'text/x-foo' })
    p.gated('analytics', { id: 'legacy', src: '/polyfills.js', nomodule: '' })
    p.gated('analytics', { id: 'next' }, 'next()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['template', 'legacy', 'next'])
  })

  it('waits for an external script whose type names JavaScript', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'lib', src: '/lib.js', 'data-type': 'text/javascript' })
    p.gated('analytics', { id: 'next' }, 'next()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['lib'])
    p.finish(byId(p.doc, 'lib'), 'load')
    await settle()
    expect(p.live()).toEqual(['lib', 'next'])
  })

  it('does not wait for an async external script', async () => {
    const p = page(choose(true, false))
    p.gated('analytics', { id: 'async', src: '/a.js', async: '' })
    p.gated('analytics', { id: 'next' }, 'next()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['async', 'next'])
    expect(byId(p.doc, 'async').async).toBe(true)
  })

  it('queues scripts granted later behind a script still loading', async () => {
    const p = page()
    p.gated('marketing', { id: 'ads', src: '/ads.js' })
    p.gated('analytics', { id: 'stats' }, 'stats()')
    p.start()
    p.$consent.set(choose(false, true))
    await settle()
    expect(p.live()).toEqual(['ads'])
    p.$consent.set(choose(true, true))
    p.gated('necessary', { id: 'late' }, 'late()')
    await settle()
    expect(p.live()).toEqual(['ads'])
    p.finish(byId(p.doc, 'ads'), 'load')
    await settle()
    expect(p.live()).toEqual(['ads', 'stats', 'late'])
  })

  it('runs a "!purpose" fallback only after the visitor denied that purpose', async () => {
    const p = page()
    p.gated('!analytics', { id: 'cookieless' }, 'count()')
    p.start()
    await settle()
    expect(p.live()).toEqual([])
    p.$consent.set(choose(false, false))
    await settle()
    expect(p.live()).toEqual(['cookieless'])
  })

  it('follows service choices inside a granted purpose', async () => {
    const p = page(choose(true, false, false))
    p.gated('analytics/matomo', { id: 'matomo' }, 'm()')
    p.gated('analytics/hotjar', { id: 'hotjar' }, 'h()')
    p.gated('!analytics/hotjar', { id: 'no-hotjar' }, 'n()')
    p.start()
    await settle()
    expect(p.live()).toEqual(['matomo', 'no-hotjar'])
  })

  it('restores src and srcset of iframes, images and media sources', async () => {
    const p = page()
    const frame = p.add('iframe', { 'data-consent': 'marketing', 'data-src': 'https://video.example/embed' })
    const img = p.add('img', { 'data-consent': 'marketing', 'data-src': '/a.png', 'data-srcset': '/a2.png 2x' })
    const css = p.add('link', { rel: 'stylesheet', 'data-consent': 'marketing', 'data-href': '/fonts.css' })
    const video = p.add('video', {})
    let loads = 0
    ;(video as HTMLVideoElement).load = () => { loads++ }
    const source = p.add('source', { 'data-consent': 'marketing', 'data-src': '/clip.mp4' }, '', video)
    p.start()
    p.$consent.set(choose(false, true))
    expect(frame.getAttribute('src')).toBe('https://video.example/embed')
    expect(img.getAttribute('src')).toBe('/a.png')
    expect(img.getAttribute('srcset')).toBe('/a2.png 2x')
    expect(css.getAttribute('href')).toBe('/fonts.css')
    expect(source.getAttribute('src')).toBe('/clip.mp4')
    expect(loads).toBe(1)
  })

  it('leaves elements without data-consent alone', async () => {
    const p = page(choose(true, true))
    const plain = p.add('script', { type: 'text/plain', id: 'plain' }, 'x')
    const img = p.add('img', { 'data-src': '/a.png' })
    p.start()
    await settle()
    expect(plain.isConnected).toBe(true)
    expect(plain.getAttribute('type')).toBe('text/plain')
    expect(img.hasAttribute('src')).toBe(false)
  })

  it('activates gated elements added to the page later', async () => {
    const p = page(choose(true, false))
    p.start()
    await settle()
    const section = p.doc.createElement('section')
    const frame = p.doc.createElement('iframe')
    frame.setAttribute('data-consent', 'analytics')
    frame.setAttribute('data-src', '/dashboard')
    const script = p.doc.createElement('script')
    script.type = 'text/plain'
    script.id = 'spa'
    script.setAttribute('data-consent', 'analytics')
    script.text = 'spa()'
    section.append(frame, script)
    p.doc.body.append(section)
    await settle()
    expect(frame.getAttribute('src')).toBe('/dashboard')
    expect(p.live()).toEqual(['spa'])
    expect(byId(p.doc, 'spa').async).toBe(false)
  })

  it('activates each element at most once across changes of consent', async () => {
    const p = page()
    p.gated('analytics', { id: 'a' }, 'a()')
    const img = p.add('img', { 'data-consent': 'analytics', 'data-src': '/a.png' })
    p.start()
    let inserted = 0
    new p.win.MutationObserver(rs => rs.forEach(r => (inserted += r.addedNodes.length)))
      .observe(p.doc.body, { childList: true, subtree: true })
    p.$consent.set(choose(true, false))
    await settle()
    img.setAttribute('src', '/changed.png')
    p.$consent.set(choose(true, true))
    p.$consent.set(choose(false, true))
    p.$consent.set(choose(true, true))
    await settle()
    expect(p.live()).toEqual(['a'])
    expect(inserted).toBe(1)
    expect(img.getAttribute('src')).toBe('/changed.png')
  })

  it('warns once about an unknown purpose and keeps the element inert', async () => {
    const p = page()
    p.gated('analyticz', { id: 'typo' }, 'x()')
    p.add('img', { 'data-consent': 'constructor', 'data-src': '/a.png' })
    p.start()
    p.$consent.set(choose(true, true))
    p.$consent.set(choose(false, true))
    p.gated('necessary', { id: 'ok' }, 'ok()')
    await settle()
    expect(p.warnings).toEqual([
      '<script data-consent="analyticz">: unknown purpose or service',
      '<img data-consent="constructor">: unknown purpose or service'
    ])
    expect(p.live()).toEqual(['ok'])
  })

  it('does not warn about gated elements before the config is known', async () => {
    const p = page(EMPTY)
    p.gated('analytics', { id: 'a' }, 'a()')
    p.gated('analyticz', { id: 'typo' }, 'x()')
    const img = p.add('img', { 'data-consent': 'necessary', 'data-src': '/a.png' })
    p.start()
    await settle()
    expect(p.warnings).toEqual([])
    expect(p.live()).toEqual([])
    expect(img.hasAttribute('src')).toBe(false)
    p.$consent.set(choose(true, false))
    await settle()
    expect(p.warnings).toEqual(['<script data-consent="analyticz">: unknown purpose or service'])
    expect(p.live()).toEqual(['a'])
    expect(img.getAttribute('src')).toBe('/a.png')
  })

  it('waits for DOMContentLoaded while the page is still loading', async () => {
    const p = page(choose(true, true))
    Object.defineProperty(p.doc, 'readyState', { value: 'loading', configurable: true })
    p.gated('analytics', { id: 'a' }, 'a()')
    const img = p.add('img', { 'data-consent': 'analytics', 'data-src': '/a.png' })
    p.start()
    p.$consent.set(choose(true, false))
    await settle()
    expect(p.live()).toEqual([])
    expect(img.hasAttribute('src')).toBe(false)
    delete (p.doc as { readyState?: string }).readyState
    p.doc.dispatchEvent(new p.win.Event('DOMContentLoaded'))
    await settle()
    expect(p.live()).toEqual(['a'])
    expect(img.getAttribute('src')).toBe('/a.png')
  })

  it('does not run a queued script when consent is withdrawn before its turn', async () => {
    const p = page(choose(true, true))
    p.gated('marketing', { id: 'lib', src: '/lib.js' })
    p.gated('analytics', { id: 'later' }, 'later()')
    p.start()
    await settle()
    p.$consent.set(choose(false, true))
    p.finish(byId(p.doc, 'lib'), 'load')
    await settle()
    expect(p.live()).toEqual(['lib'])
    p.$consent.set(choose(true, true))
    await settle()
    expect(p.live()).toEqual(['lib', 'later'])
  })

  it('warns instead of throwing when an element cannot be activated', async () => {
    const p = page(choose(true, false))
    const img = p.add('img', { 'data-consent': 'analytics', 'data-src': '/a.png' })
    img.setAttribute = () => {
      throw new Error('boom')
    }
    p.gated('analytics', { id: 'next' }, 'next()')
    expect(() => p.start()).not.toThrow()
    await settle()
    expect(p.warnings).toEqual(['<img data-consent="analytics">: Error: boom'])
    expect(p.live()).toEqual(['next'])
  })
})
