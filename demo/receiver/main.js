// @ts-check
// Starts the reference consent-log receiver on 127.0.0.1 by itself:
//   node demo/receiver/main.js --port 5180 --allow http://127.0.0.1:5173 [--allow …] [--db FILE]
// The operator page has no login, and a consent id is all it takes to erase its receipts, so it
// listens on loopback only.
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { listen } from '../../scripts/static.js'
import { createReceiver } from './server.js'

/** @param {string} message @returns {never} */
const usage = message => {
  console.error(`${message}\nUsage: node demo/receiver/main.js [--port 5180] [--allow ORIGIN]… [--db FILE]`)
  process.exit(2)
}

/** @template T @param {() => T} make @returns {T} */
const orUsage = make => {
  try {
    return make()
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e))
  }
}

const { values } = orUsage(() =>
  parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      allow: { type: 'string', multiple: true, default: [] },
      db: { type: 'string', default: fileURLToPath(new URL('data/receipts.db', import.meta.url)) }
    }
  })
)
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port: expected a port number, got ${JSON.stringify(values.port)}`)
const receiver = orUsage(() => createReceiver({ file: values.db, allowOrigins: values.allow }))

await listen(receiver.server, port)
const used = /** @type {import('node:net').AddressInfo} */ (receiver.server.address()).port
console.log(`Candor consent log:  http://127.0.0.1:${used}/  (logEndpoint: http://127.0.0.1:${used}/log)`)
console.log(`Database: ${values.db}; pages allowed to post: ${values.allow.join(', ') || 'none'}`)

const stop = () => receiver.close()
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
