import type { Choices, ConsentRecord, ConsentState, Method, Purpose } from './types'

/**
 * What `$consent` holds before `init()`: nothing configured, nothing granted.
 *
 * @example
 * const $consent = atom(EMPTY)
 */
export const EMPTY: ConsentState = {
  decided: false,
  pending: [],
  purposes: {},
  services: {},
  id: null,
  decidedAt: null,
  updatedAt: null,
  gpc: false
}

/** The part of a purpose that decides what is granted. */
export type Scope = Pick<Purpose, 'id' | 'required' | 'version'> & { services: { id: string }[] }

/**
 * Derives what the page may do from the configured purposes and the stored record.
 * Required purposes are always granted; a purpose without a current answer is pending and denied.
 * `gpc` only passes on whether Global Privacy Control is honoured: it denies nothing by itself.
 *
 * @example
 * derive(config.purposes, null).pending // every optional purpose on a first visit
 */
export function derive(purposes: Scope[], record: ConsentRecord | null, gpc = false): ConsentState {
  let { id = null, decidedAt = null, updatedAt = null, deniedServices = [] } = record || {}
  let state: ConsentState = { decided: true, pending: [], purposes: {}, services: {}, id, decidedAt, updatedAt, gpc }
  for (let p of purposes) {
    // Purpose ids are lowercase and never `constructor`, so they cannot hit Object.prototype.
    let a = record?.purposes[p.id]
    // An answer to an older version of a purpose is no answer: the purpose changed since (granular re-consent).
    let on = p.required || (a && a.version == p.version ? a.granted : !state.pending.push(p.id))
    state.purposes[p.id] = on
    for (let s of p.services) state.services[p.id + '/' + s.id] = on && !deniedServices.includes(p.id + '/' + s.id)
  }
  state.decided = !state.pending.length
  return state
}

/**
 * Turns a visitor's choice into the record to store. Purposes not named keep their current
 * answer (a pending one is denied), so every optional purpose ends up answered.
 * Throws a plain `Error` naming the offending key when the choice is invalid; nothing is applied then.
 *
 * @example
 * decide(purposes, record, { analytics: true, 'marketing/meta': false }, 'api', env)
 */
export function decide(
  purposes: Purpose[],
  record: ConsentRecord | null,
  choices: Choices,
  method: Method,
  env: { now: number; language: string; config: string; id: () => string }
): ConsentRecord {
  let current = derive(purposes, record)
  let granted: { [id: string]: boolean } = { ...current.purposes }
  let denied = new Set(record ? record.deniedServices : [])
  let errors: string[] = []
  let grantedServices: string[] = []
  for (let name of Object.keys(choices)) {
    let value = choices[name]
    let [pid, sid, extra] = name.split('/')
    let p = purposes.find(x => x.id === pid)
    if (!p || extra !== undefined || (sid !== undefined && !p.services.some(s => s.id === sid))) {
      errors.push(`"${name}": unknown purpose or service`)
    } else if (typeof value !== 'boolean') errors.push(`"${name}": expected true or false, got ${JSON.stringify(value)}`)
    else if (p.required && !value) errors.push(`"${name}": required, cannot be switched off`)
    else if (sid === undefined) granted[pid] = value
    else if (value) {
      grantedServices.push(name)
      denied.delete(name)
    } else denied.add(name)
  }
  for (let name of grantedServices) {
    let pid = name.split('/')[0]
    if (!granted[pid]) errors.push(`"${name}": cannot grant a service while its purpose "${pid}" is denied; grant "${pid}" too`)
  }
  if (errors.length) throw new Error('[candor] set(): ' + errors.join('; '))
  let answers: ConsentRecord['purposes'] = {}
  for (let p of purposes) if (!p.required) answers[p.id] = { granted: granted[p.id], version: p.version }
  return {
    id: record ? record.id : env.id(),
    decidedAt: record ? record.decidedAt : env.now,
    // Strictly later than the last decision, so two in one millisecond still have their own receipts.
    updatedAt: Math.max(env.now, record ? record.updatedAt + 1 : 0),
    method,
    language: env.language,
    config: env.config,
    purposes: answers,
    deniedServices: [...denied].filter(k => Object.hasOwn(current.services, k) && granted[k.split('/')[0]])
  }
}
