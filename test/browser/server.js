// The browser tests' origins, all on loopback: the shop (CANDOR_PORT, default 4173) serving dist/
// and pages the tests post, a "third party" on the next port serving tags that report when they
// run, and the reference consent-log receiver on the port after, with a fresh database per run.
import { createHash, randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createReceiver } from '../../demo/receiver/server.js'
import { serveFile } from '../../scripts/static.js'
import { createLogServer } from './hardening/log-server.js'
import { listen as listenReal } from './real/servers.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const pages = new Map()

const js = (res, body, status = 200) =>
  res.writeHead(status, { 'content-type': 'text/javascript', 'cache-control': 'no-store', 'access-control-allow-origin': '*' }).end(body)

// A tag that records its name on window.ran (in execution order) and writes the cookie it is asked to.
const tag = params => {
  let name = JSON.stringify(params.get('name') || 'tag')
  let cookie = params.get('cookie')
  return `(window.ran=window.ran||[]).push(${name});` + (cookie ? `document.cookie=${JSON.stringify(cookie + '=1; path=/')};` : '')
}

export const FIXED = '(window.ran=window.ran||[]).push("fixed");'

// Stand-ins for the vendors' libraries: each records the commands it finds queued when it loads
// and those it gets later, in order, where the real one would act on them.
const vendors = {
  '/matomo.js': `window.seen = (window.seen || []).concat(window._paq.map(c => 'matomo ' + c.join(' ')));
    window._paq = { push: c => window.seen.push('matomo ' + c.join(' ')) };`,
  '/fbevents.js': `window.seen = (window.seen || []).concat(fbq.queue.map(a => 'meta ' + Array.from(a).join(' ')));
    fbq.callMethod = function () { window.seen.push('meta ' + Array.from(arguments).join(' ')) };`,
  '/bat.js': `window.UET = function (o) {
      let show = a => 'uet ' + a.map(x => (typeof x == 'object' ? JSON.stringify(x) : x)).join(' ');
      window.seen = (window.seen || []).concat(o.q.length ? [show(o.q)] : []);
      this.push = function () { window.seen.push(show(Array.from(arguments))) };
    };`
}
const sri = 'sha384-' + createHash('sha384').update(FIXED).digest('base64')

const shop = createServer((req, res) => {
  let url = new URL(req.url, 'http://127.0.0.1')
  if (url.pathname === '/health') return res.end('ok')
  if (url.pathname === '/page' && req.method === 'POST') {
    let body = ''
    req.on('data', chunk => (body += chunk))
    req.on('end', () => {
      let id = randomUUID()
      pages.set(id, JSON.parse(body))
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
    })
    return
  }
  let page = url.pathname.startsWith('/p/') && pages.get(url.pathname.split('/')[2])
  if (page) {
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.html)
  }
  // Candor's files may be loaded from an opaque origin (a sandboxed iframe), whose dynamic imports need CORS.
  if (url.pathname.startsWith('/dist/')) res.setHeader('access-control-allow-origin', '*')
  if (!serveFile(root, url.pathname, res)) res.writeHead(404).end('not found')
})

const thirdParty = createServer((req, res) => {
  let url = new URL(req.url, 'http://127.0.0.1')
  let delay = Number(url.searchParams.get('delay')) || 0
  setTimeout(() => {
    if (url.pathname === '/tag.js') return js(res, tag(url.searchParams))
    if (url.pathname === '/module.js') return js(res, 'window.ran.push("module:" + typeof import.meta.url);')
    if (url.pathname === '/fixed.js') return js(res, FIXED)
    if (Object.hasOwn(vendors, url.pathname)) return js(res, vendors[url.pathname])
    if (url.pathname === '/sri') return res.writeHead(200, { 'access-control-allow-origin': '*' }).end(sri)
    if (url.pathname === '/fail.js') return js(res, 'window.ran.push("should not run");', 500)
    if (url.pathname === '/frame.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>embedded</p>')
    if (url.pathname === '/pixel.gif') {
      return res.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'))
    }
    res.writeHead(404).end()
  }, delay)
})

const port = Number(process.env.CANDOR_PORT) || 4173
const receiver = createReceiver({
  file: join(mkdtempSync(join(tmpdir(), 'candor-receiver-')), 'receipts.db'),
  allowOrigins: [`http://127.0.0.1:${port}`]
})
shop.listen(port, '127.0.0.1')
thirdParty.listen(port + 1, '127.0.0.1')
receiver.server.listen(port + 2, '127.0.0.1')
// A consent log that fails on request, for test/browser/hardening/; CANDOR_PORT+6 stays unused (offline).
createLogServer().listen(port + 5, '127.0.0.1')
// The script origin and collector of the real third-party libraries: ports +3 and +4.
listenReal(port)
