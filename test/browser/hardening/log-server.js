// A consent-log endpoint for the hardening tests that misbehaves on request: POST /<mode>/<run>/log
// with mode ok, 500, slow (answers after 30 s), nocors (no Access-Control-Allow-Origin), hostile (a
// body claiming grants) or flaky (500 until GET /heal/<run>). GET /hits/<mode>/<run> lists the
// bodies received; each test uses its own run, so tests can run side by side.
import { createServer } from 'node:http'

export function createLogServer() {
  let hits = new Map()
  let healed = new Set()
  return createServer((req, res) => {
    let [, mode, a, b] = new URL(req.url, 'http://127.0.0.1').pathname.split('/')
    let json = value => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    if (mode == 'hits') return json(hits.get(a + '/' + b) || [])
    if (mode == 'heal') return healed.add(a), json(true)
    let cors = mode == 'nocors' ? {} : { 'access-control-allow-origin': req.headers.origin || '*' }
    if (req.method != 'POST' || b != 'log') return res.writeHead(404, cors).end()
    let body = ''
    req.on('data', chunk => (body += chunk))
    req.on('end', () => {
      let run = mode + '/' + a
      hits.set(run, [...(hits.get(run) || []), body])
      if (mode == '500' || (mode == 'flaky' && !healed.has(a))) return res.writeHead(500, cors).end('down')
      if (mode == 'slow') return setTimeout(() => res.writeHead(201, cors).end(), 30_000)
      if (mode == 'hostile') {
        return res
          .writeHead(200, { ...cors, 'content-type': 'application/json' })
          .end(JSON.stringify({ purposes: { analytics: true, marketing: true }, decided: true, grant: 'all' }))
      }
      res.writeHead(201, cors).end()
    })
  })
}
