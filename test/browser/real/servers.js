// Origins for the tests with real, unmodified third-party libraries (test/browser/real/):
// a script origin (CANDOR_PORT+3) serving the libraries' browser builds straight from
// node_modules with cacheable headers, so a second page view can take them from the HTTP cache,
// and a collector (CANDOR_PORT+4) that takes anything the libraries send and counts it per test.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

const modules = fileURLToPath(new URL('../../../node_modules/', import.meta.url))

// Only these files are served: the builds each library documents for a script tag.
export const LIBRARIES = {
  '/posthog.js': 'posthog-js/dist/array.js',
  '/mixpanel.js': 'mixpanel-browser/dist/mixpanel.umd.js',
  '/amplitude.js': '@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js',
  '/datadog-rum.js': '@datadog/browser-rum/bundle/datadog-rum.js'
}

/** Requests the script origin served, by path and query: what the HTTP cache did not answer. */
const served = new Map()
/** Requests the collector got, by the test's id (the first path segment). */
const collected = new Map()

const count = (map, key) => map.set(key, (map.get(key) || 0) + 1)

const scripts = createServer((req, res) => {
  let url = new URL(req.url, 'http://127.0.0.1')
  if (url.pathname === '/served') return res.writeHead(200, { 'cache-control': 'no-store' }).end(String(served.get(url.searchParams.get('url')) || 0))
  let file = Object.hasOwn(LIBRARIES, url.pathname) && LIBRARIES[url.pathname]
  if (!file) return res.writeHead(404).end()
  count(served, url.pathname + url.search)
  res
    .writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600', 'access-control-allow-origin': '*' })
    .end(readFileSync(modules + file))
})

const collector = createServer((req, res) => {
  let url = new URL(req.url, 'http://127.0.0.1')
  let id = url.pathname.split('/')[1]
  if (id === 'count') {
    return res.writeHead(200, { 'cache-control': 'no-store' }).end(String(collected.get(url.searchParams.get('id')) || 0))
  }
  // The libraries send with and without credentials and custom headers: allow whatever they ask.
  let cors = {
    'access-control-allow-origin': req.headers.origin || '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] || '*',
    'cache-control': 'no-store'
  }
  req.resume()
  req.on('end', () => {
    if (req.method !== 'OPTIONS') count(collected, id)
    // PostHog asks for flags and remote config: an empty answer turns everything optional off.
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(url.pathname.includes('flags') || url.pathname.includes('config') ? '{}' : '{"status":1}')
  })
})

export function listen(port) {
  scripts.listen(port + 3, '127.0.0.1')
  collector.listen(port + 4, '127.0.0.1')
}
