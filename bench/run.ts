import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { chromium as launchOptions } from '../test/browser/chromium'
import { candidates } from './pages'
import { chart, table } from './report'
import { run } from './round'
import { ratios, stat, summarize } from './stats'

/** `npm run bench [-- --rounds N]`: at least 15 rounds unless told, on port CANDOR_BENCH_PORT (4480). */
let at = process.argv.indexOf('--rounds')
let rounds = at > 0 ? Number(process.argv[at + 1]) : 15
if (!(rounds >= 1)) throw new Error('--rounds needs a positive number')
let port = Number(process.env.CANDOR_BENCH_PORT) || 4480
let root = new URL('..', import.meta.url)
let out = fileURLToPath(new URL('bench/results/', root))

let samples = await run(rounds, port, line => console.log(line))
let byId = (id: string) => samples.map(r => r.find(s => s.id == id)).filter(s => s !== undefined)
let control = byId('control')
let controlScript = { first: stat(control.map(s => s.first.scriptMs)).median, returning: stat(control.map(s => s.returning.scriptMs)).median }
let summaries = candidates.map(c => summarize(byId(c.id), controlScript))
let r = ratios(summaries, new Set(candidates.filter(c => c.full).map(c => c.id)))
let violations = samples.flat().flatMap(s => s.violations)

let pkg = (name: string): string => (JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')) as { version: string }).version
let own = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version
let versions = Object.fromEntries(candidates.map(c => [c.id, c.id == 'candor' ? own + ' (this checkout)' : c.pkg ? pkg(c.pkg) : '–']))
let machine = {
  date: new Date().toISOString(),
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  chromium: execFileSync(launchOptions.executablePath ?? 'chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
  node: process.version,
  rounds,
  throttling: 4
}

mkdirSync(out, { recursive: true })
let md = table(summaries, r)
writeFileSync(out + 'latest.json', JSON.stringify({ machine, versions, controlScript, summaries, ratios: r, violations, notes: Object.fromEntries(candidates.map(c => [c.id, c.notes])), samples }, null, 1) + '\n')
writeFileSync(out + 'table.md', `${machine.date.slice(0, 10)}, ${rounds} rounds, ${machine.cpu}, ${machine.chromium}, Node ${machine.node}; median (p90).\n\n${md}`)
writeFileSync(out + 'chart.svg', chart(summaries))
console.log(md)
if (violations.length) {
  console.error('correctness controls violated:\n' + violations.join('\n'))
  process.exitCode = 1
}
