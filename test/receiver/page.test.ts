// @vitest-environment node
import { Window } from 'happy-dom'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ID, OTHER, receipt, receiptMessage, startReceiver } from './harness'
import type { Started } from './harness'

let rx: Started
beforeEach(async () => {
  rx = await startReceiver()
})
afterEach(() => rx.stop())

const XSS = '<script>alert(1)</script>'
const BREAKOUT = '"><img src=x onerror=alert(2)>'
const QUOTE = "' onmouseover='alert(3)"

/** A row as something other than this receiver could have written it: nothing validated. */
const plant = (key: string, r: Record<string, unknown>, seq?: number) =>
  rx.db(d =>
    d.prepare('INSERT INTO receipts (seq, key, consent_id, timestamp, received_at, receipt) VALUES (?, ?, ?, ?, ?, ?)')
      .run(seq ?? null, key, String(r.id), String(r.timestamp), BREAKOUT, JSON.stringify(r))
  )

const hostile = {
  id: BREAKOUT,
  decidedAt: XSS,
  timestamp: QUOTE,
  method: '<svg onload=alert(4)>',
  language: '</td></tr></table><iframe src=//evil.example>',
  purposes: { [XSS]: true, [BREAKOUT]: '<b>yes</b>' },
  services: { [QUOTE]: false },
  versions: { [XSS]: '<i>1</i>' },
  config: '<style>body{display:none}</style>',
  textHash: '<a href="javascript:alert(5)">x</a>',
  gpc: '<marquee>',
  url: 'javascript:alert(6)'
}

const get = async (path: string) => {
  const res = await fetch(rx.base + path)
  return { res, html: await res.text() }
}

const parse = (html: string) => {
  const window = new Window({ url: 'http://127.0.0.1/' })
  window.document.write(html)
  return window.document
}

// The page's own markup; any other tag in the raw HTML came from a stored value.
const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'link', 'body', 'header', 'h1', 'a', 'form', 'label', 'input', 'button', 'main', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'nav', 'div', 'wbr'])
const ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'rel', 'href', 'method', 'action', 'for', 'id', 'value', 'maxlength', 'autocomplete', 'spellcheck', 'required', 'class'])

const expectInert = (html: string) => {
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    const [, name, rest] = /^<\/?([!a-z0-9]+)([^]*)>$/i.exec(tag) ?? [tag, tag, '']
    expect(TAGS, tag).toContain(name.toLowerCase())
    if (name == '!doctype') continue
    // Values are escaped, so a quote ends them; what stays outside quotes are attribute names.
    for (const attribute of rest.replace(/"[^"]*"/g, '').match(/[^\s=]+/g) ?? []) expect(ATTRIBUTES, tag).toContain(attribute.toLowerCase())
  }
  const doc = parse(html)
  expect(doc.querySelectorAll('script, img, svg, iframe, style, marquee, b, i')).toHaveLength(0)
  for (const el of doc.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) expect(a.startsWith('on'), `${el.tagName} ${a}`).toBe(false)
  }
  for (const a of doc.querySelectorAll('[href]')) {
    expect(a.getAttribute('href')).toMatch(/^\/(receiver\.css|\?id=[A-Za-z0-9_-]{22}|\?before=\d+)?$/)
  }
}

describe('operator page', () => {
  it('sends a CSP that allows nothing but its own stylesheet, and nosniff', async () => {
    const { res } = await get('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "style-src 'self'"]))
    expect(csp).not.toMatch(/unsafe|script-src|\*/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves its stylesheet as CSS', async () => {
    const res = await fetch(rx.base + '/receiver.css')
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('table')
  })

  it('lists receipts newest first with their fields', async () => {
    await rx.post(receiptMessage('k1'))
    await rx.post(receiptMessage('k2', receipt({ id: OTHER, method: 'reject-all', purposes: { necessary: true, analytics: false, marketing: false }, services: { 'analytics/matomo': false, 'marketing/meta': false } })))
    const rows = [...parse((await get('/')).html).querySelectorAll('tbody tr')].map(tr => tr.textContent)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain(OTHER)
    expect(rows[0]).toContain('reject-all')
    expect(rows[1]).toContain(ID)
    expect(rows[1]).toContain('✓ analytics v3')
    expect(rows[1]).toContain('✗ marketing v1')
    expect(rows[1]).toContain('http://127.0.0.1:5173/checkout')
  })

  it('shows hostile stored values as inert text: <script> only as &lt;script&gt;', async () => {
    plant(XSS, hostile)
    const { html } = await get('/')
    expect(html).not.toMatch(/<script|<img|<svg|<iframe|<style|<marquee|<b>|<i>/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
    expect(html).toContain('&#39; onmouseover=&#39;alert(3)')
    expect(html).not.toMatch(/href="?javascript/i)
    expect(parse(html).body.textContent).toContain('javascript:alert(6)')
    expectInert(html)
  })

  it('shows a hostile idempotency key that passed validation as inert text', async () => {
    expect((await rx.post(receiptMessage(BREAKOUT))).status).toBe(201)
    const { html } = await get('/')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
    expectInert(html)
  })

  it('shows what was searched for inert, and answers 400 when it is no consent id', async () => {
    const { res, html } = await get('/?id=' + encodeURIComponent(BREAKOUT))
    expect(res.status).toBe(400)
    expect(html).toContain(`value="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"`)
    expect(html).toContain('Not a consent id')
    expectInert(html)
  })

  it('finds the receipts of one consent id', async () => {
    await rx.post(receiptMessage('k1'))
    await rx.post(receiptMessage('k2', receipt({ id: OTHER })))
    const { res, html } = await get('/?id=' + ID)
    expect(res.status).toBe(200)
    const doc = parse(html)
    expect((doc.querySelector('input[name=id]') as unknown as { value: string }).value).toBe(ID)
    expect([...doc.querySelectorAll('tbody tr')].map(tr => tr.querySelector('td:nth-child(2)')?.textContent)).toEqual([ID])
  })

  it('says when a looked-up consent id was erased', async () => {
    await rx.post({ kind: 'delete', key: 'd1', id: ID })
    const { html } = await get('/?id=' + ID)
    expect(html).toContain('This consent id was erased on 2026-11-24T00:00:00.000Z')
    expect(html).toContain('No receipts.')
  })

  it('shows 50 receipts a page, with a link to older ones', async () => {
    for (let i = 1; i <= 60; i++) plant('k' + i, { ...receipt(), timestamp: `2026-11-23T19:${String(i).padStart(2, '0')}:00.000Z` }, i)
    const first = parse((await get('/')).html)
    expect(first.querySelectorAll('tbody tr')).toHaveLength(50)
    const older = first.querySelector('nav a')?.getAttribute('href')
    expect(older).toBe('/?before=11')
    const second = parse((await get(older!)).html)
    expect([...second.querySelectorAll('tbody tr td:last-child')].map(td => td.textContent)).toEqual(['k10', 'k9', 'k8', 'k7', 'k6', 'k5', 'k4', 'k3', 'k2', 'k1'])
    expect(second.querySelector('nav a')).toBeNull()
  })

  it('ignores a before value that is not a row number', async () => {
    await rx.post(receiptMessage('k1'))
    for (const q of ['abc', '-1', '1e3', '99999999999999999999', '<script>']) {
      const { res, html } = await get('/?before=' + encodeURIComponent(q))
      expect(res.status, q).toBe(200)
      expect(parse(html).querySelectorAll('tbody tr'), q).toHaveLength(1)
    }
  })
})
