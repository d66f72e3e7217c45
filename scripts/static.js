// A tiny static file server for the demo and the browser tests: loopback only, no caching,
// and never a path outside its root.
import { createReadStream, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon'
}

/**
 * Serves `pathname` from `root`; returns false when there is no such file.
 * @example if (!serveFile(root, url.pathname, res)) res.writeHead(404).end()
 */
export function serveFile(root, pathname, res, headers = {}) {
  let file = normalize(join(root, decodeURIComponent(pathname)))
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false
  let stat
  try {
    stat = statSync(file)
    if (stat.isDirectory()) {
      file = join(file, 'index.html')
      stat = statSync(file)
    }
  } catch {
    return false
  }
  res.writeHead(200, {
    'content-type': types[extname(file)] || 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': 'no-store',
    ...headers
  })
  createReadStream(file).pipe(res)
  return true
}

/**
 * Listens on 127.0.0.1 at `port` or the next free one; resolves with the port used.
 * @example const port = await listen(server, 5173)
 */
export function listen(server, port, tries = 20) {
  return new Promise((resolve, reject) => {
    server.once('error', e => {
      if (e.code === 'EADDRINUSE' && tries > 1) resolve(listen(server, port + 1, tries - 1))
      else reject(e)
    })
    server.listen(port, '127.0.0.1', () => resolve(port))
  })
}
