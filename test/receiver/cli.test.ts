// @vitest-environment node
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'

const run = (args: string[]) => spawn(process.execPath, ['demo/receiver/main.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })

describe('node demo/receiver/main.js', () => {
  it('starts on 127.0.0.1, prints its URL and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-cli-'))
    const child = run(['--port', '0', '--allow', 'http://127.0.0.1:5173', '--db', join(dir, 'r.db')])
    try {
      const [line] = (await once(child.stdout, 'data')).map(String)
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(line)?.[0]
      expect(url).toBeDefined()
      expect((await fetch(url!)).status).toBe(200)
      child.kill('SIGTERM')
      expect((await once(child, 'exit'))[0]).toBe(0)
    } finally {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses an allowed origin that is not an origin, with usage and exit code 2', async () => {
    const child = run(['--allow', 'http://127.0.0.1:5173/shop', '--db', join(tmpdir(), 'never', 'r.db')])
    let err = ''
    child.stderr.on('data', d => (err += d))
    expect((await once(child, 'exit'))[0]).toBe(2)
    expect(err).toContain('allowOrigins: "http://127.0.0.1:5173/shop" is not an origin')
    expect(err).toContain('Usage:')
  })
})
