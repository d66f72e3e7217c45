// Stand-in for a recommendation widget: remembers the coffee last looked at in localStorage
// and fills "Empfohlen für Sie" from the products on the page.
;(() => {
  const KEY = 'reco_last_seen'
  const log = text => (window.demoLog = window.demoLog || []).push({ source: 'personalization.js', text, time: Date.now() })
  const products = [...document.querySelectorAll('[data-product]')]
  const list = document.getElementById('reco-list')
  const reason = document.getElementById('reco-reason')
  const off = document.getElementById('reco-off')
  if (!list || !reason || !off || !products.length) return log('Keine Empfehlungsfläche auf dieser Seite')

  // The widget outlives a withdrawal (the page is not reloaded), so it asks before every write.
  const allowed = () => window.candor?.granted?.('personalization/recommendations') === true
  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(KEY) || 'null') || {}
    } catch {
      return {}
    }
  }
  const write = product => {
    if (!allowed()) return
    try {
      localStorage.setItem(KEY, JSON.stringify({ product, time: Date.now() }))
    } catch {
      // Storage can be full or disabled; recommendations then just stay generic.
    }
  }

  const card = product => {
    const li = document.createElement('li')
    const name = document.createElement('strong')
    name.textContent = product.dataset.name
    const price = document.createElement('span')
    price.textContent = product.dataset.price
    li.append(name, price)
    return li
  }
  let shown = false
  const render = () => {
    shown = true
    const seen = products.findIndex(p => p.dataset.product === read().product)
    const picks = [1, 2].map(n => products[(Math.max(seen, 0) + n) % products.length])
    reason.textContent =
      seen < 0 ? 'Beliebt bei anderen Kaffeefreunden:' : `Weil Sie sich „${products[seen].dataset.name}“ angesehen haben:`
    list.replaceChildren(...picks.map(card))
    reason.hidden = false
    off.hidden = true
  }
  const hide = () => {
    shown = false
    list.replaceChildren()
    reason.hidden = true
    off.hidden = false
  }

  for (const product of products) {
    product.addEventListener('click', () => {
      if (!allowed()) return
      write(product.dataset.product)
      render()
      log(`${KEY} = „${product.dataset.product}“`)
    })
  }
  window.candor?.on?.('change', () => {
    if (allowed()) return render()
    if (!shown) return
    hide()
    log('Einwilligung entzogen: Empfehlungen ausgeblendet')
  })

  write(read().product || null)
  render()
  log(`Empfehlungen angezeigt, localStorage ${KEY} geschrieben`)
})()
