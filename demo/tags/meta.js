// Stand-in for an advertising pixel (modelled on the Meta Pixel): a browser ID cookie `_fbp`
// and a beacon per event to the ad network's host.
;(() => {
  const host = document.currentScript ? new URL(document.currentScript.src).origin : ''
  const log = text => (window.demoLog = window.demoLog || []).push({ source: 'meta.js', text, time: Date.now() })

  let browserId = (/(?:^|; )_fbp=([^;]*)/.exec(document.cookie) || [])[1]
  if (!browserId) {
    browserId = `fb.1.${Date.now()}.${Math.floor(Math.random() * 1e10)}`
    document.cookie = `_fbp=${browserId}; path=/; max-age=${90 * 86400}; SameSite=Lax`
  }

  window.demoPixel = event => {
    if (host) navigator.sendBeacon(`${host}/collect?tag=pixel&e=${encodeURIComponent(event)}&fbp=${encodeURIComponent(browserId)}`)
    log(`„${event}“ an das Werbenetzwerk gesendet`)
  }
  log('Pixel geladen, Cookie _fbp gesetzt')
  window.demoPixel('PageView')
})()
