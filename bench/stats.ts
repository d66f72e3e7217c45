import type { Sample } from './measure'

/** Median and 90th percentile of one measure over the rounds. */
export interface Stat {
  median: number
  p90: number
}

/** Nearest-rank percentile: with 15 rounds, p90 is the 14th value, a real observation. */
export function stat(values: number[]): Stat {
  let v = values.filter(Number.isFinite).sort((a, b) => a - b)
  let at = (q: number): number => (v.length ? v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)] : NaN)
  return { median: v.length % 2 || !v.length ? at(0.5) : (v[v.length / 2 - 1] + v[v.length / 2]) / 2, p90: at(0.9) }
}

/** The measures of the table, in order. */
export const measures = [
  'firstBrotli',
  'firstGzip',
  'firstRaw',
  'returningBrotli',
  'firstScriptMs',
  'returningScriptMs',
  'bannerMs',
  'acceptToTagMs',
  'cls'
] as const
export type Measure = (typeof measures)[number]

/** One candidate's statistics. */
export type Summary = { id: string } & { [m in Measure]: Stat }

/** Script time is the widget's: the control page's median is subtracted. */
export function summarize(samples: Sample[], controlScript: { first: number; returning: number }): Summary {
  let of = (f: (s: Sample) => number | null): Stat => stat(samples.map(s => f(s) ?? NaN))
  return {
    id: samples[0].id,
    firstBrotli: of(s => s.first.bytes.brotli),
    firstGzip: of(s => s.first.bytes.gzip),
    firstRaw: of(s => s.first.bytes.raw),
    returningBrotli: of(s => s.returning.bytes.brotli),
    firstScriptMs: of(s => s.first.scriptMs - controlScript.first),
    returningScriptMs: of(s => s.returning.scriptMs - controlScript.returning),
    bannerMs: of(s => s.first.bannerMs),
    acceptToTagMs: of(s => s.acceptToTagMs),
    cls: of(s => s.first.cls)
  }
}

/** Candor's median over the best full-featured peer's (the lowest median among them), per measure. */
export function ratios(summaries: Summary[], full: Set<string>): { [m in Measure]: { best: string; ratio: number } } {
  let candor = summaries.find(s => s.id == 'candor')
  let peers = summaries.filter(s => s.id != 'candor' && full.has(s.id))
  let out = {} as { [m in Measure]: { best: string; ratio: number } }
  for (let m of measures) {
    let best = peers.filter(p => Number.isFinite(p[m].median)).sort((a, b) => a[m].median - b[m].median)[0]
    out[m] = { best: best?.id ?? '', ratio: candor && best ? candor[m].median / best[m].median : NaN }
  }
  return out
}
