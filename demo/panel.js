// The demo's control panel: shows what Candor decided and which tags ran, and calls the
// JavaScript API beside the banner. Demo only; not part of Candor.
;(() => {
  const byId = id => document.getElementById(id)
  const el = (tag, props, ...children) => {
    const e = Object.assign(document.createElement(tag), props)
    e.append(...children)
    return e
  }
  const panel = byId('demo-panel')
  const status = byId('panel-status')
  const logList = byId('panel-log')
  if (!panel || !status || !logList) return

  const purposes = (() => {
    try {
      return JSON.parse(byId('candor-config').textContent).purposes || {}
    } catch {
      return {}
    }
  })()
  const purposeConfig = id => (Object.hasOwn(purposes, id) ? purposes[id] || {} : {})
  const german = text => (typeof text === 'string' ? text : (text && (text.de || text.en)) || '')
  const title = id => german(purposeConfig(id).title) || id
  const clock = t =>
    new Date(t).toLocaleTimeString('de-DE', { hour12: false }) + '.' + String(Math.floor(t) % 1000).padStart(3, '0')
  const readStorage = read => {
    try {
      return read()
    } catch {
      return []
    }
  }

  const renderStorage = () => {
    const cookies = readStorage(() => document.cookie.split('; ').filter(Boolean).map(c => c.split('=')[0]))
    const keys = area => readStorage(() => Object.keys(window[area]))
    const rows = [
      ...cookies.map(name => ['Cookie', name]),
      ...keys('localStorage').map(name => ['localStorage', name]),
      ...keys('sessionStorage').map(name => ['sessionStorage', name])
    ]
    byId('panel-storage').replaceChildren(
      ...(rows.length
        ? rows.map(([kind, name]) => el('li', {}, el('span', { className: 'kind', textContent: kind }), ' ', el('code', { textContent: name })))
        : [el('li', { className: 'empty', textContent: 'Nichts gespeichert.' })])
    )
  }

  // Tags report through `demoLog.push(...)`, which also works before this script ran: entries
  // pushed onto the plain array until then are replayed here.
  const write = entry => {
    if (!entry || typeof entry.text !== 'string') return
    const time = typeof entry.time === 'number' ? entry.time : Date.now()
    const source = String(entry.source || 'Seite')
    logList.append(
      el('li', {}, el('time', { textContent: clock(time), dateTime: new Date(time).toISOString() }), ' ', el('strong', { textContent: source }), ' ', entry.text)
    )
    logList.scrollTop = logList.scrollHeight
    console.info(`[demo] ${source}: ${entry.text}`)
    renderStorage()
  }
  const queued = Array.isArray(window.demoLog) ? window.demoLog : []
  window.demoLog = { push: (...entries) => entries.forEach(write) }
  queued.forEach(write)

  // The video iframe lives on the third-party origin and can only report by postMessage.
  window.addEventListener('message', e => {
    const frame = [...document.querySelectorAll('iframe[data-consent]')].find(f => f.contentWindow === e.source)
    if (frame && typeof e.data?.demoLog === 'string') write({ source: 'video.html (iframe)', text: e.data.demoLog })
  })

  const fact = (term, value) => [el('dt', { textContent: term }), el('dd', { textContent: value })]
  const when = t => (t ? new Date(t).toLocaleString('de-DE') : '—')
  const badge = (granted, pending) =>
    el('span', {
      className: 'badge ' + (pending ? 'pending' : granted ? 'on' : 'off'),
      textContent: pending ? 'offen' : granted ? 'erlaubt' : 'abgelehnt'
    })

  const render = (api, state) => {
    byId('panel-facts').replaceChildren(
      ...fact('decided', state.decided ? 'ja' : 'nein'),
      ...fact('pending', state.pending.join(', ') || '—'),
      ...fact('Consent-ID', state.id || '—'),
      ...fact('Entschieden', when(state.decidedAt)),
      ...fact('Geändert', when(state.updatedAt))
    )
    byId('panel-purposes').replaceChildren(
      ...Object.keys(state.purposes).map(id => {
        const pending = state.pending.includes(id)
        const services = Object.keys(state.services).filter(key => key.startsWith(id + '/'))
        return el(
          'li',
          {},
          badge(state.purposes[id], pending),
          ' ',
          el('span', { textContent: title(id) }),
          ' ',
          el('code', { textContent: id }),
          el('ul', {}, ...services.map(key => el('li', {}, badge(state.services[key], pending), ' ', el('code', { textContent: key }))))
        )
      })
    )
    status.textContent = state.decided
      ? 'Entscheidung gespeichert.'
      : 'Noch keine Entscheidung: gesperrte Tags warten, nichts wird an Dritte geladen.'
    renderStorage()
    // On a returning visit this loads candor-decide.js, which reads the receipt; the panel may.
    api.receipt().then(receipt => {
      byId('panel-receipt').textContent = receipt ? JSON.stringify(receipt, null, 2) : 'null (noch keine Entscheidung)'
      if (receipt) status.textContent = `Entscheidung gespeichert (${receipt.method}).`
    })
  }

  // Only a decision, or its withdrawal, is worth a log line; Candor may also publish while it starts.
  let lastId = null
  document.addEventListener('candor:change', e => {
    const state = e.detail
    const previous = lastId
    lastId = state.id
    if (state.id) {
      const answers = Object.keys(state.purposes)
        .filter(id => !purposeConfig(id).required)
        .map(id => `${title(id)} ${state.purposes[id] ? '✓' : '✗'}`)
      write({ source: 'candor:change', text: 'Entscheidung: ' + answers.join(', ') })
    } else if (previous) {
      write({
        source: 'candor:change',
        text: 'Einwilligung widerrufen: Cookies und Speicher der Dienste gelöscht. Bereits geladene Tags laufen bis zum Neuladen weiter (reloadOnRevoke: false).'
      })
    }
  })

  const actions = {
    show: api => api.show(),
    showPreferences: api => api.showPreferences(),
    acceptAll: api => api.acceptAll(),
    rejectAll: api => api.rejectAll(),
    statsOnly: api => api.set({ analytics: true, personalization: false, marketing: false }),
    forget: api => api.forget()
  }
  let ready

  panel.addEventListener('click', e => {
    const button = e.target instanceof Element && e.target.closest('button[data-action]')
    if (!button) return
    const action = button.dataset.action
    if (action === 'reload') return location.reload()
    if (!ready || !Object.hasOwn(actions, action)) return
    // The API may answer synchronously or with a promise; both kinds of failure end up here.
    Promise.resolve()
      .then(() => actions[action](ready))
      .catch(error => {
        status.textContent = String((error && error.message) || error)
      })
  })

  window.candor = window.candor || []
  window.candor.push(api => {
    ready = api
    lastId = api.$consent.get().id
    for (const button of panel.querySelectorAll('button[data-action]')) button.disabled = false
    api.$consent.subscribe(state => render(api, state))
    write({
      source: 'candor',
      text: api.$consent.get().decided
        ? 'Gestartet: gespeicherte Entscheidung gefunden'
        : 'Gestartet: noch keine Entscheidung, alle optionalen Tags gesperrt'
    })
  })

  // Candor runs queued functions only once it started; if it never does, say why instead of waiting forever.
  window.addEventListener('load', () => {
    if (!ready) status.textContent = 'Candor wurde nicht gestartet: fehlt dist/candor.js (npm run build) oder ist die Konfiguration fehlerhaft? Siehe Konsole.'
  })
})()
