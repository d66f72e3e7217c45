// @ts-check
// The reference consent-log receiver: takes the receipts and erasure requests that Candor posts
// to `logEndpoint`, and shows them to the operator on a read-only page. A demo for operators,
// never shipped to browsers. The protocol is described in README.md ("Consent log receiver").
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { renderPage } from './page.js'
import { openStore } from './store.js'
import { LIMITS, isConsentId, parseMessage } from './validate.js'

/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */
/** @typedef {(req: Req, res: Res, url: URL) => void | Promise<void>} Handler */

// Every read is bounded: receipts on one page of the listing, receipts of one id in a look-up.
const PAGE = 50
const PER_ID = 100
const SEQ = /^[1-9]\d{0,14}$/

/** @type {Record<import('./store.js').Outcome, [number, string]>} */
const ANSWERS = {
  stored: [201, 'stored'],
  duplicate: [200, 'already stored'],
  // The visitor exercised the right to erasure (GDPR Art. 17) after this decision was made.
  erased: [410, 'consent id was erased after this decision; not stored'],
  // draft-ietf-httpapi-idempotency-key-header, section 2.7: a key reused for another payload is 422.
  reused: [422, 'key was used for another receipt; not stored'],
  conflict: [409, 'another receipt of this decision is stored; not stored']
}

const PLAIN = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
// The operator page may load its own stylesheet and nothing else: no script, image, frame or form
// target elsewhere, so a value that slipped through unescaped still could not act.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store'
}

/** @param {string} o */
const origin = o => {
  let parsed = URL.canParse(o) ? new URL(o) : null
  if (!parsed || parsed.origin != o) throw new TypeError(`allowOrigins: ${JSON.stringify(o)} is not an origin like http://127.0.0.1:5173`)
  return o
}

/**
 * Resolves with the body, or null when it is longer than `limit` bytes; what comes after the limit
 * is read and dropped, so the client gets its answer instead of a reset connection.
 * @param {Req} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
const readBody = (req, limit) =>
  new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) return resolve(null)
    /** @type {Buffer[]} */
    let chunks = []
    let size = 0
    req.on('data', chunk => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else {
        chunks = []
        resolve(null)
      }
    })
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : null))
    req.on('error', reject)
  })

/**
 * Options of {@link createReceiver}.
 * @typedef {object} ReceiverOptions
 * @property {string} file The SQLite file; it and its folder are made when missing.
 * @property {string[]} [allowOrigins] Origins of the pages that post (the shop's), e.g.
 *   `['http://127.0.0.1:5173']`: they get `Access-Control-Allow-Origin`; posts from any other
 *   page are refused with 403. Requests without an Origin header (curl, servers) are accepted.
 * @property {() => number} [now] The clock in ms, for tests.
 * @property {(error: unknown) => void} [log] Where unexpected errors go; `console.error` by default.
 */

/**
 * Makes the consent-log receiver: `POST /log` takes receipts and erasure requests, `GET /` is
 * the operator page, `GET /receipts.json?id=…` the receipts of one consent id. Listening is the
 * caller's part; `close()` stops the server and closes the database.
 * @param {ReceiverOptions} options
 * @example
 * import { listen } from '../../scripts/static.js'
 * import { createReceiver } from './receiver/server.js'
 *
 * const receiver = createReceiver({
 *   file: fileURLToPath(new URL('receiver/data/receipts.db', import.meta.url)),
 *   allowOrigins: [`http://127.0.0.1:${shopPort}`]
 * })
 * const logPort = await listen(receiver.server, shopPort + 2)
 * // logEndpoint: `http://127.0.0.1:${logPort}/log`
 * process.once('SIGINT', () => receiver.close())
 */
export function createReceiver({ file, allowOrigins = [], now = Date.now, log = console.error }) {
  const origins = new Set(allowOrigins.map(origin))
  const store = openStore(file)
  const css = readFileSync(new URL('receiver.css', import.meta.url))

  /** @param {Res} res @param {number} status @param {string} body @param {Record<string, string>} [headers] */
  const text = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...PLAIN, ...headers }).end(body + '\n')
  }

  /** @param {Req} req @returns {Record<string, string>} */
  const cors = req => {
    let from = req.headers.origin
    return from !== undefined && origins.has(from) ? { vary: 'Origin', 'access-control-allow-origin': from } : { vary: 'Origin' }
  }

  /** @param {Req} req @param {Res} res */
  const receive = async (req, res) => {
    let headers = cors(req)
    // A simple request needs no preflight, so any page can make a visitor's browser post here;
    // only the shop's pages may.
    if (req.headers.origin !== undefined && !headers['access-control-allow-origin']) return text(res, 403, 'origin not allowed', headers)
    let body = await readBody(req, LIMITS.body)
    if (!body) return text(res, 413, `body: expected at most ${LIMITS.body} bytes`, headers)
    let parsed = parseMessage(body, now())
    if ('error' in parsed) return text(res, 400, parsed.error, headers)
    let { message } = parsed
    let at = new Date(now()).toISOString()
    if (message.kind == 'delete') {
      store.erase(message.key, message.id, at)
      res.writeHead(204, { 'cache-control': 'no-store', ...headers }).end()
      return
    }
    let [status, answer] = ANSWERS[store.save(message.key, message.receipt, at)]
    text(res, status, answer, headers)
  }

  /** @type {Handler} */
  const preflight = (req, res) => {
    let headers = cors(req)
    if (headers['access-control-allow-origin']) {
      Object.assign(headers, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '600'
      })
    }
    res.writeHead(204, { ...headers, allow: 'POST, OPTIONS', 'cache-control': 'no-store' }).end()
  }

  /**
   * The receipts of one consent id, with its erasure; 400 for text that is no consent id.
   * @param {string} id
   * @returns {[number, import('./page.js').View]}
   */
  const lookup = id =>
    isConsentId(id)
      ? [200, { rows: store.receipts(id, PER_ID), id, erasedAt: store.erasedAt(id) }]
      : [400, { rows: [], id, notice: 'Not a consent id: 22 characters of A-Z, a-z, 0-9, - and _.' }]

  /**
   * A page of the newest receipts that arrived before `before` (a seq), or of the newest of all.
   * @param {string | null} before
   * @returns {[number, import('./page.js').View]}
   */
  const listing = before => {
    let rows = store.latest(before !== null && SEQ.test(before) ? Number(before) : Number.MAX_SAFE_INTEGER, PAGE + 1)
    return [200, { rows: rows.slice(0, PAGE), older: rows.length > PAGE ? rows[PAGE - 1].seq : null }]
  }

  /** @type {Handler} */
  const page = (_req, res, url) => {
    let id = url.searchParams.get('id')
    let [status, view] = id === null ? listing(url.searchParams.get('before')) : lookup(id)
    res.writeHead(status, PAGE_HEADERS).end(renderPage(view))
  }

  /** @type {Handler} */
  const receipts = (_req, res, url) => {
    let id = url.searchParams.get('id')
    if (!isConsentId(id)) return text(res, 400, 'id: expected a consent id of 22 base64url characters')
    let found = store.receipts(id, PER_ID).map(({ receivedAt, key, receipt }) => ({ receivedAt, key, receipt }))
    let body = JSON.stringify({ id, erasedAt: store.erasedAt(id), receipts: found })
    res.writeHead(200, { ...PLAIN, 'content-type': 'application/json; charset=utf-8' }).end(body)
  }

  /** @type {Handler} */
  const stylesheet = (_req, res) => {
    res.writeHead(200, { ...PLAIN, 'content-type': 'text/css; charset=utf-8' }).end(css)
  }

  /** @type {Record<string, Record<string, Handler>>} */
  const routes = {
    '/log': { POST: receive, OPTIONS: preflight },
    '/': { GET: page },
    '/receipts.json': { GET: receipts },
    '/receiver.css': { GET: stylesheet }
  }

  const server = createServer(async (req, res) => {
    try {
      let url = new URL(req.url ?? '/', 'http://receiver.invalid')
      let route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : null
      if (!route) return text(res, 404, 'not found')
      // HEAD is answered as GET: Node leaves the body out.
      let method = req.method == 'HEAD' ? 'GET' : String(req.method)
      if (!Object.hasOwn(route, method)) {
        let allow = Object.keys(route).flatMap(m => (m == 'GET' ? ['GET', 'HEAD'] : [m]))
        return text(res, 405, 'method not allowed', { allow: allow.join(', ') })
      }
      await route[method](req, res, url)
    } catch (e) {
      log(e)
      if (res.headersSent) res.destroy()
      else text(res, 500, 'internal error')
    }
  })
  // Bounded time as well as bounded size: a client that trickles its request is cut off.
  server.requestTimeout = 10_000
  server.headersTimeout = 5_000

  return {
    server,
    /** Stops taking requests, ends open connections and closes the database. */
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve(store.close()))
        server.closeAllConnections()
      })
  }
}
