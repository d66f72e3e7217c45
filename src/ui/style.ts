// The colours of the dark theme, for `theme: "dark"` and for `"auto"` under a dark colour scheme.
const dark = '{--b:var(--candor-bg,#1f1f1f);--t:var(--candor-text,#f1f1f1);--a:var(--candor-accent,#a8c7fa);--o:var(--candor-accent-text,#062e6f);color-scheme:dark}'

/**
 * The stylesheet of the shadow root, adopted as a constructable stylesheet so that a strict
 * `style-src` needs no `'unsafe-inline'`. Colours meet 4.5:1 in both themes; pages theme it
 * through the `--candor-*` custom properties on `candor-consent`.
 *
 * @example
 * sheet.replaceSync(css)
 */
export const css =
  // Out of flow, so that a shop whose <body> is a grid or flexbox gives it no cell, and above the shop's layers.
  // The shop's font by default: it looks like the shop, and a font the page already renders costs
  // no font lookup (system-ui doubled the banner's first layout in the benchmark).
  ':host{all:initial;font-family:inherit;position:fixed;z-index:2147483647}' +
  '.c{--b:var(--candor-bg,#fff);--t:var(--candor-text,#1f1f1f);--a:var(--candor-accent,#0b57d0);--o:var(--candor-accent-text,#fff);font-size:medium;line-height:1.5;font-family:var(--candor-font);color:var(--t)}' +
  `.dark${dark}@media(prefers-color-scheme:dark){.auto${dark}}` +
  '.l{box-sizing:border-box;display:flex;flex-direction:column;gap:.75em;max-height:calc(100% - 1em);margin:auto;padding:1em;border:1px solid;border-radius:var(--candor-radius,.5em);background:var(--b);color:inherit}' +
  'section.l{position:fixed;bottom:.5em}' +
  '.bar{left:.5em;right:.5em;max-width:60em}' +
  '.box{right:.5em;width:min(26em,100% - 1em)}' +
  // Author styles beat the UA's `dialog:not([open])`, and Esc closes a dialog a moment before we remove it.
  'dialog.l{width:42em}dialog:not([open]){display:none}' +
  '.sc{overflow:auto}h2,h3,h4,p,ul{margin:0 0 .5em}a{color:var(--a)}' +
  '.bs{display:grid;grid-template-columns:repeat(auto-fit,minmax(10em,1fr));gap:.5em}' +
  'button{font:inherit;font-weight:600;padding:.5em;border:2px solid var(--a);border-radius:var(--candor-radius,.5em);background:var(--a);color:var(--o)}' +
  'input{accent-color:var(--a)}.x{float:right}.r{position:fixed;left:.5em;bottom:.5em}'
