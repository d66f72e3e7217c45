import type { LaunchOptions } from '@playwright/test'

/**
 * How the browser tests start Debian's Chromium (Playwright cannot download its own browsers on our
 * machines). Without background networking, Chromium does not try to reach Google's hosts, which
 * this machine's closed network refuses. The host rule maps the test shop's domains to loopback,
 * so cookies with a parent Domain (www.shop.test → .shop.test) can be tested from 127.0.0.1 only, and
 * so does a host under onrender.com, a public suffix that the config validator does not list.
 *
 * @example
 * test.use({ launchOptions: { ...chromium, ignoreDefaultArgs: ['--disable-back-forward-cache'] } })
 */
export const chromium: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--host-resolver-rules=MAP *.shop.test 127.0.0.1, MAP shop.test 127.0.0.1, MAP shop.onrender.com 127.0.0.1'
  ]
}
