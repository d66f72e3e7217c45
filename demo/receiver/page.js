// @ts-check
// The operator's read-only view of the consent log. Whatever is stored was posted by strangers,
// or written into the file by something else than this receiver, so every value is escaped as
// text and nothing from a receipt ever becomes a link, an attribute name or markup.
import { isConsentId } from './validate.js'

/** @typedef {import('./store.js').Row} Row */

const ENTITIES = /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })

/**
 * Escapes a value for HTML text and for quoted attribute values; null and undefined show as "–".
 * @param {unknown} v
 * @example
 * escapeHtml('"><img src=x onerror=alert(1)>') // '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
 */
export const escapeHtml = v => (v == null ? '–' : String(v).replace(/[&<>"']/g, c => ENTITIES[c]))

// A receipt in the file may not be the shape this receiver stores; a wrong shape shows as nothing.
/** @param {unknown} v @returns {[string, unknown][]} */
const entries = v => (typeof v == 'object' && v !== null ? Object.entries(v) : [])

/** @param {unknown} granted @param {string} label */
const flag = (granted, label) =>
  granted === true ? `<span class="on">✓ ${escapeHtml(label)}</span>` : `<span class="off">✗ ${escapeHtml(label)}</span>`

/** @param {unknown} id */
const idCell = id => (isConsentId(id) ? `<a href="/?id=${encodeURIComponent(String(id))}">${escapeHtml(id)}</a>` : escapeHtml(id))

// A time breaks between its date and its clock, halving the width of its column.
/** @param {unknown} v */
const time = v => escapeHtml(v).replace('T', 'T<wbr>')

/** @param {Row} row */
const line = ({ receivedAt, key, receipt: r }) => {
  let versions = Object.fromEntries(entries(r.versions))
  // [class of the column (how it wraps), cell HTML]
  let cells = [
    ['time', time(receivedAt)],
    ['code', idCell(r.id)],
    ['time', time(r.decidedAt)],
    ['time', time(r.timestamp)],
    ['', escapeHtml(r.method)],
    ['', escapeHtml(r.language)],
    ['', entries(r.purposes).map(([p, on]) => flag(on, `${p} v${versions[p] ?? '?'}`)).join(' ')],
    ['', entries(r.services).map(([s, on]) => flag(on, s)).join(' ')],
    ['code', escapeHtml(r.config)],
    ['long code', escapeHtml(r.textHash)],
    ['', escapeHtml(r.gpc)],
    ['long', escapeHtml(r.url)],
    ['long code', escapeHtml(key)]
  ]
  return `<tr>${cells.map(([c, html]) => `<td class="${c}">${html}</td>`).join('')}</tr>`
}

const HEAD = ['Received', 'Consent id', 'Decided', 'Timestamp', 'Method', 'Language', 'Purposes', 'Services', 'Config', 'Text hash', 'GPC', 'Page', 'Key']

/**
 * What the page shows: `rows` newest first; `id` the consent id searched for (any text, shown
 * back escaped); `erasedAt` when that id was erased; `older` the `before` value of the next page;
 * `notice` a line for the operator.
 * @typedef {object} View
 * @property {Row[]} rows
 * @property {string | null} [id]
 * @property {string | null} [erasedAt]
 * @property {number | null} [older]
 * @property {string | null} [notice]
 */

/**
 * The operator page, with a search form by consent id. Meant to be sent with a CSP that allows
 * nothing but the receiver's own stylesheet, so even a missed escape could not run a script.
 * @param {View} view
 * @returns {string}
 * @example
 * res.end(renderPage({ rows: store.latest(Number.MAX_SAFE_INTEGER, 50), older: null }))
 */
export function renderPage({ rows, id = null, erasedAt = null, older = null, notice = null }) {
  let notes = [notice, erasedAt && `This consent id was erased on ${erasedAt}; later decisions are kept.`].filter(Boolean)
  let table = rows.length
    ? `<div class="scroll"><table><thead><tr>${HEAD.map(h => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map(line).join('')}</tbody></table></div>`
    : '<p>No receipts.</p>'
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Candor consent log</title>
<link rel="stylesheet" href="/receiver.css">
</head>
<body>
<header>
<h1><a href="/">Consent log</a></h1>
<form method="get" action="/">
<label for="id">Consent id</label>
<input id="id" name="id" value="${id == null ? '' : escapeHtml(id)}" maxlength="22" autocomplete="off" spellcheck="false" required>
<button>Look up</button>
</form>
</header>
<main>
${notes.map(n => `<p class="notice">${escapeHtml(n)}</p>`).join('\n')}
${table}
${older == null ? '' : `<nav><a href="/?before=${escapeHtml(older)}">Older receipts</a></nav>`}
</main>
</body>
</html>
`
}
