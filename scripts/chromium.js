// The browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
// Installs it when missing and this machine can (root with apt-get); otherwise says how.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(path)) {
  let root = process.getuid?.() === 0
  let apt = existsSync('/usr/bin/apt-get')
  if (root && apt && !process.env.CHROMIUM_PATH) {
    console.log('Chromium is missing: installing Debian\'s chromium package…')
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
  } else {
    console.error(`No Chromium at ${path}. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.`)
    process.exit(1)
  }
}
