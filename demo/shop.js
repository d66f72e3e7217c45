// The shop's own script: a cart counter in sessionStorage. The cart is strictly necessary
// storage (§ 25 Abs. 2 Nr. 2 TDDDG), so it runs without consent; trackers are told only if granted.
;(() => {
  const KEY = 'demo_cart'
  const counter = document.getElementById('cart-count')
  const read = () => {
    try {
      return Number(sessionStorage.getItem(KEY)) || 0
    } catch {
      return 0
    }
  }
  const show = n => {
    if (counter) counter.textContent = String(n)
  }
  show(read())

  document.addEventListener('click', e => {
    const button = e.target instanceof Element && e.target.closest('[data-add-to-cart]')
    const product = button && button.closest('[data-product]')
    if (!product) return
    const n = read() + 1
    try {
      sessionStorage.setItem(KEY, String(n))
    } catch {
      // Without storage the counter still counts for this page view.
    }
    show(n)
    ;(window.demoLog = window.demoLog || []).push({
      source: 'shop.js',
      text: `„${product.dataset.name}“ im Warenkorb (notwendig, keine Einwilligung nötig)`,
      time: Date.now()
    })
    window.candor = window.candor || []
    window.candor.push(api => {
      if (api.granted('analytics')) window.demoStats?.track('add_to_cart')
      if (api.granted('marketing/meta')) window.demoPixel?.('AddToCart')
    })
  })
})()
