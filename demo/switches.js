// The demo's switches for the banner, read from the address: ?lang=de|en sets <html lang>,
// which the banner follows; ?layout= and ?theme= go into the config before candor.js reads it
// (a shop writes them into its config). Runs before candor.js. Demo only; not part of Candor.
;(() => {
  const params = new URLSearchParams(location.search)
  const options = {
    lang: { de: 'Deutsch', en: 'English' },
    layout: { bar: 'Leiste', box: 'Box', modal: 'Modal' },
    theme: { auto: 'System', light: 'Hell', dark: 'Dunkel' }
  }
  const chosen = key => (Object.hasOwn(options[key], params.get(key)) ? params.get(key) : null)

  if (chosen('lang')) document.documentElement.lang = chosen('lang')
  const source = document.getElementById('candor-config')
  try {
    const config = JSON.parse(source.textContent)
    config.ui = { ...config.ui }
    for (const key of ['layout', 'theme']) if (chosen(key)) config.ui[key] = chosen(key)
    source.textContent = JSON.stringify(config)
  } catch {
    // A broken config is Candor's to report, with its path.
  }

  const current = { lang: document.documentElement.lang, layout: 'bar', theme: 'auto', ...Object.fromEntries(Object.keys(options).map(k => [k, chosen(k)]).filter(([, v]) => v)) }
  const names = { lang: 'Sprache', layout: 'Layout', theme: 'Farben' }
  document.addEventListener('DOMContentLoaded', () => {
    const list = document.getElementById('panel-switches')
    if (!list) return
    for (const key of Object.keys(options)) {
      const links = Object.entries(options[key]).map(([value, label]) => {
        const a = Object.assign(document.createElement('a'), { textContent: label, href: '?' + new URLSearchParams({ ...current, [key]: value }) })
        if (current[key] === value) a.setAttribute('aria-current', 'true')
        return a
      })
      const dd = document.createElement('dd')
      dd.append(...links)
      list.append(Object.assign(document.createElement('dt'), { textContent: names[key] }), dd)
    }
  })
})()
