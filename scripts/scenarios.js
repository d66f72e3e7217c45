// Writes README's "Hardening: scenarios covered" from the hardening tests' own names, so the list
// an auditor reads is the list CI runs. The runners list the tests, loops expanded, without running them.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Where hardening tests live: unit tests run by vitest, browser tests by Playwright in Chromium. */
export const folders = { unit: ['test/hardening'], browser: ['test/browser/hardening', 'test/browser/real'] }

const START = '<!-- scenarios:start -->'
const END = '<!-- scenarios:end -->'

const run = (args, quiet) =>
  execFileSync(join(root, 'node_modules/.bin', args[0]), args.slice(1), {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
    env: { ...process.env, CI: '' }
  })

/** @returns {{ file: string, title: string }[]} */
function browserTests() {
  let dirs = folders.browser.filter(dir => existsSync(join(root, dir)))
  if (!dirs.length) return []
  let report = JSON.parse(run(['playwright', 'test', '--list', '--reporter=json', ...dirs]))
  let out = []
  let walk = (suite, path, file) => {
    for (let child of suite.suites ?? []) walk(child, child.file == child.title ? [] : [...path, child.title], child.file ?? file)
    for (let spec of suite.specs ?? []) out.push({ file: 'test/browser/' + (spec.file ?? file), title: [...path, spec.title].join(' › ') })
  }
  for (let suite of report.suites) walk(suite, [], suite.file)
  return out
}

/** @returns {{ file: string, title: string }[]} */
function unitTests() {
  let file = join(mkdtempSync(join(tmpdir(), 'candor-scenarios-')), 'list.json')
  run(['vitest', 'list', '--json=' + file, ...folders.unit], true)
  return JSON.parse(readFileSync(file, 'utf8')).map(t => ({ file: relative(root, t.file), title: t.name.replaceAll(' > ', ' › ') }))
}

// vitest orders files by its cache of past durations, so a clean clone lists them differently from a
// checkout that has run the tests: files go by path, tests within a file in the order they are written.
const byFile = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)

/** Every hardening test: unit files, then browser files, each by path. */
export function collect() {
  return [...unitTests().sort(byFile), ...browserTests().sort(byFile)]
}

/**
 * The README section's body for a list of tests.
 * @param {{ file: string, title: string }[]} tests
 */
export function render(tests) {
  let files = [...new Set(tests.map(t => t.file))]
  let lines = [START, '']
  for (let file of files) {
    let mine = tests.filter(t => t.file == file)
    let where = file.startsWith('test/browser/') ? 'Chromium' : 'unit, happy-dom'
    lines.push(`**\`${file}\`** (${where}, ${mine.length})`, '')
    // Names quote markup such as <img name="candor">; README shows it as text.
    for (let t of mine) lines.push(`- ${t.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}`)
    lines.push('')
  }
  lines.push(END)
  return lines.join('\n')
}

/** README with its scenarios section replaced. */
export function update(readme, tests) {
  let start = readme.indexOf(START)
  let end = readme.indexOf(END)
  if (start < 0 || end < 0) throw new Error(`README.md needs the markers ${START} and ${END}`)
  return readme.slice(0, start) + render(tests) + readme.slice(end + END.length)
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  let file = join(root, 'README.md')
  let tests = collect()
  writeFileSync(file, update(readFileSync(file, 'utf8'), tests))
  console.log(`README.md: ${tests.length} scenarios`)
}
