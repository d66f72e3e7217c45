import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Candidate } from './pages'

const root = fileURLToPath(new URL('..', import.meta.url))
const types: { [ext: string]: string } = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json' }

/** Where a served URL path lives on disk: `/dist/` is Candor's build, `/nm/` the peers from npm. */
export function fileOf(path: string): string | null {
  let clean = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '')
  if (clean.startsWith('/dist/')) return join(root, clean)
  if (clean.startsWith('/nm/')) return join(root, 'node_modules', clean.slice(4))
  return null
}

/**
 * Serves the candidate pages at `/<id>.html`, the widgets' files and a `/collect` endpoint, from
 * 127.0.0.1 with `no-store`, so every visit pays for every byte, as a first visit on a CDN miss would.
 */
export function serve(candidates: Candidate[], port: number): Promise<Server> {
  let pages = new Map(candidates.map(c => [`/${c.id}.html`, c.html]))
  let server = createServer(async (req, res) => {
    let path = new URL(req.url ?? '/', 'http://x').pathname
    res.setHeader('Cache-Control', 'no-store')
    let html = pages.get(path)
    if (html !== undefined) return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html)
    if (path == '/collect') return res.writeHead(204).end()
    let file = fileOf(path)
    if (file) {
      try {
        let body = await readFile(file)
        return res.writeHead(200, { 'Content-Type': (types[extname(file)] ?? 'application/octet-stream') + '; charset=utf-8' }).end(body)
      } catch {
        // Falls through to 404: a library asking for a file it does not ship.
      }
    }
    res.writeHead(404).end()
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}
