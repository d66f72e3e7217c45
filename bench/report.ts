import type { Measure, Summary } from './stats'

/** What each measure is called in the table, its unit, and Candor's target as a ratio (or absolute for CLS). */
export const columns: { m: Measure; label: string; unit: 'B' | 'ms' | ''; target: number | null }[] = [
  { m: 'firstBrotli', label: 'first visit, brotli', unit: 'B', target: 0.6 },
  { m: 'firstGzip', label: 'first visit, gzip', unit: 'B', target: null },
  { m: 'firstRaw', label: 'first visit, raw', unit: 'B', target: null },
  { m: 'returningBrotli', label: 'returning, brotli', unit: 'B', target: 0.25 },
  { m: 'firstScriptMs', label: 'script, first visit', unit: 'ms', target: 0.6 },
  { m: 'returningScriptMs', label: 'script, returning', unit: 'ms', target: 0.25 },
  { m: 'bannerMs', label: 'banner visible', unit: 'ms', target: 0.8 },
  { m: 'acceptToTagMs', label: 'accept → tag', unit: 'ms', target: 0.5 },
  { m: 'cls', label: 'CLS', unit: '', target: null }
]

const fmt = (v: number, unit: string): string =>
  !Number.isFinite(v) ? '–' : unit == 'B' ? (v / 1000).toFixed(2) + ' kB' : unit == 'ms' ? v.toFixed(0) + ' ms' : v.toFixed(3)

/** The markdown table: median (p90) per candidate, then Candor's ratio to the best peer and the target. */
export function table(summaries: Summary[], ratios: { [m in Measure]: { best: string; ratio: number } }): string {
  let head = `| candidate | ${columns.map(c => c.label).join(' | ')} |\n| --- |${columns.map(() => ' ---: |').join('')}\n`
  let rows = summaries.map(s => `| ${s.id} | ${columns.map(c => `${fmt(s[c.m].median, c.unit)} (${fmt(s[c.m].p90, c.unit)})`).join(' | ')} |`).join('\n')
  let ratio = `| **Candor ÷ best full-featured peer** | ${columns.map(c => (c.m == 'cls' ? '' : `${ratios[c.m].ratio.toFixed(2)}× (${ratios[c.m].best})`)).join(' | ')} |`
  let target = `| target | ${columns.map(c => (c.target == null ? (c.m == 'cls' ? '= 0' : '') : `≤ ${c.target}×`)).join(' | ')} |`
  let met = `| met? | ${columns
    .map(c => {
      let candor = summaries.find(s => s.id == 'candor')
      if (c.m == 'cls') return candor && candor.cls.p90 == 0 ? 'yes' : 'no'
      return c.target == null ? '' : ratios[c.m].ratio <= c.target ? 'yes' : '**no**'
    })
    .join(' | ')} |`
  return `${head}${rows}\n${ratio}\n${target}\n${met}\n`
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** Two horizontal bar groups, hand-written SVG: first-visit brotli bytes, and first-visit widget script time. */
export function chart(summaries: Summary[]): string {
  let peers = summaries.filter(s => s.id != 'control')
  let rowH = 22
  let labelW = 170
  let barW = 360
  let panel = (title: string, m: Measure, unit: 'B' | 'ms', y0: number): string => {
    let max = Math.max(...peers.map(s => s[m].median).filter(Number.isFinite), 1)
    let bars = peers
      .map((s, i) => {
        let v = Math.max(0, s[m].median)
        let w = Number.isFinite(v) ? (v / max) * barW : 0
        let y = y0 + 24 + i * rowH
        let fill = s.id == 'candor' ? '#0b57d0' : '#9aa0a6'
        return `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${esc(s.id)}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${fill}"/><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 14}">${fmt(s[m].median, unit)}</text>`
      })
      .join('\n')
    return `<text x="8" y="${y0 + 16}" font-weight="bold">${esc(title)}</text>\n${bars}`
  }
  let h = 24 + peers.length * rowH
  let second = h + 16
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="${second + h + 8}" font-family="system-ui, sans-serif" font-size="12" fill="#1f1f1f">
<rect width="100%" height="100%" fill="#fff"/>
${panel('First-visit bytes of the widget (brotli, median)', 'firstBrotli', 'B', 0)}
${panel('First-visit main-thread script time of the widget (median, CPU ×4)', 'firstScriptMs', 'ms', second)}
</svg>
`
}
