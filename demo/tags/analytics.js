// Stand-in for a third-party statistics tag (modelled on Matomo): it sets a visitor cookie,
// takes over commands queued before it loaded, and beacons events to its own host.
;(() => {
  const host = document.currentScript ? new URL(document.currentScript.src).origin : ''
  const log = text => (window.demoLog = window.demoLog || []).push({ source: 'analytics.js', text, time: Date.now() })
  const random = () => Math.random().toString(16).slice(2, 18)

  if (!/(?:^|; )_pk_id\.1=/.test(document.cookie)) {
    document.cookie = `_pk_id.1=${random()}.${Math.floor(Date.now() / 1000)}; path=/; max-age=${395 * 86400}; SameSite=Lax`
  }
  document.cookie = `_pk_ses.1=1; path=/; max-age=1800; SameSite=Lax`

  const queued = Array.isArray(window.demoStats) ? window.demoStats : []
  const tracker = {
    track(event) {
      if (host) navigator.sendBeacon(`${host}/collect?tag=stats&e=${encodeURIComponent(event)}&page=${encodeURIComponent(location.pathname)}`)
      log(`Ereignis „${event}“ an die Statistik gesendet`)
    },
    push([command, ...args]) {
      if (command === 'track') tracker.track(...args)
    }
  }
  window.demoStats = tracker
  log('Tracker geladen, Cookies _pk_id.1 und _pk_ses.1 gesetzt')
  queued.forEach(tracker.push)
})()
