// Serves the demo shop and, on the next free ports, a stand-in "third-party" tag host, so the
// demo gates real cross-origin requests, and the reference consent-log receiver, which stores the
// shop's receipts in SQLite (demo/receiver/data/). Run with `npm run demo` (builds dist/ first).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { serveFile, listen } from '../scripts/static.js'
import { createReceiver } from './receiver/server.js'

const demo = fileURLToPath(new URL('.', import.meta.url))
const tags = fileURLToPath(new URL('tags/', import.meta.url))
const dist = fileURLToPath(new URL('../dist/', import.meta.url))

// Pages are looked up by name rather than by path, so only the demo's own HTML files can be read.
const pages = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/datenschutz.html': 'datenschutz.html',
  '/impressum.html': 'impressum.html'
}

const notFound = res => res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n')

// serveFile throws on a malformed %-escape; a bad URL must answer 400, not stop the server.
const handle = route => (req, res) => {
  try {
    route(new URL(req.url, 'http://127.0.0.1').pathname, req, res)
  } catch (e) {
    let bad = e instanceof URIError
    if (!bad) console.error(e)
    if (!res.headersSent) res.writeHead(bad ? 400 : 500)
    res.end()
  }
}

if (!existsSync(dist + 'candor.js')) {
  console.error('dist/candor.js is missing: run `npm run build` first (or start the demo with `npm run demo`).')
  process.exit(1)
}

let tagOrigin = ''
let logOrigin = ''

const page = async (name, res) => {
  let html = (await readFile(demo + name, 'utf8')).replaceAll('%TAGS%', tagOrigin).replaceAll('%LOG%', logOrigin)
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html)
}

const shop = createServer(
  handle((pathname, req, res) => {
    if (Object.hasOwn(pages, pathname)) {
      page(pages[pathname], res).catch(e => {
        console.error(e)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
    } else if (!serveFile(pathname.startsWith('/candor') ? dist : demo, pathname, res)) notFound(res)
  })
)

// Logged in the terminal so the visitor can watch exactly when data reaches the "vendor".
const tagHost = createServer(
  handle((pathname, req, res) => {
    console.log(`  third party ← ${req.method} ${req.url}`)
    // The fake trackers' beacons: accepted and dropped, nothing is stored.
    if (pathname === '/collect') res.writeHead(204, { 'access-control-allow-origin': '*' }).end()
    else if (!serveFile(tags, pathname, res)) notFound(res)
  })
)

// DEMO_PORT moves the demo, e.g. for the browser test that opens it beside the test servers.
const shopPort = await listen(shop, Number(process.env.DEMO_PORT) || 5173)
const tagPort = await listen(tagHost, shopPort + 1)
tagOrigin = `http://127.0.0.1:${tagPort}`
const receiver = createReceiver({
  file: fileURLToPath(new URL('receiver/data/receipts.db', import.meta.url)),
  allowOrigins: [`http://127.0.0.1:${shopPort}`, `http://localhost:${shopPort}`]
})
const logPort = await listen(receiver.server, tagPort + 1)
logOrigin = `http://127.0.0.1:${logPort}`

console.log(`Candor demo shop:      http://127.0.0.1:${shopPort}/`)
console.log(`Third-party tag host:  ${tagOrigin}/  (requests are logged below)`)
console.log(`Consent log receiver:  ${logOrigin}/  (the receipts the shop sent)`)
console.log('Press Ctrl+C to stop.')

const stop = () => {
  receiver.close()
  for (let server of [shop, tagHost]) {
    server.close()
    // Browsers hold keep-alive connections open, which would keep close() waiting.
    server.closeAllConnections()
  }
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
