/**
 * Attributes for `writeCookie`; `maxAge` is in seconds, no `domain` means host-only.
 *
 * @example
 * const o: CookieOptions = { path: '/', sameSite: 'Lax', secure: true, maxAge: 31536000 }
 */
export interface CookieOptions {
  domain?: string
  path: string
  sameSite: 'Lax' | 'Strict' | 'None'
  secure: boolean
  maxAge: number
}

type Jar = string[][]

function jar(doc: Document): Jar {
  try {
    // A cookie set without `=` has an empty name (RFC 6265bis); the getter throws in sandboxed iframes.
    return doc.cookie.split(';').map(c => (c.includes('=') ? c : '=' + c).split(/=(.*)/s).map(s => s.trim()))
  } catch {
    return []
  }
}

function put(doc: Document, name: string, value: string, domain: string | undefined, path: string, rest: string): void {
  try {
    doc.cookie = `${name}=${value}; Path=${path}${domain ? '; Domain=' + domain : ''}${rest}`
  } catch {
    // Setter throws in sandboxed iframes; the caller finds out by reading back.
  }
}

/**
 * Every value of the cookies with exactly this name, in `document.cookie` order. There can be several:
 * a host-only one and one per parent `Domain`/`Path`.
 *
 * @example
 * readCookies(document, 'consent') // ['1.…', '1.…']
 */
export function readCookies(doc: Document, name: string): string[] {
  return jar(doc).filter(c => c[0] == name).map(c => c[1])
}

/**
 * The distinct names of the cookies the page can see.
 *
 * @example
 * cookieNames(document) // ['consent', '_pk_id.1.1fff']
 */
export function cookieNames(doc: Document): string[] {
  return [...new Set(jar(doc).map(c => c[0]).filter(Boolean))]
}

/**
 * Writes a cookie and reads back every value the page now sees under its name: the browser kept
 * it when they include `value`.
 *
 * @example
 * writeCookie(document, 'consent', '1.…', { domain: 'shop.example', path: '/', sameSite: 'Lax', secure: true, maxAge: 86400 }) // ['1.…']
 */
export function writeCookie(doc: Document, name: string, value: string, o: CookieOptions): string[] {
  // Browsers drop `SameSite=None` cookies that are not `Secure`.
  let sameSite = o.sameSite == 'None' && !o.secure ? 'Lax' : o.sameSite
  put(doc, name, value, o.domain, o.path, `; Max-Age=${o.maxAge}; SameSite=${sameSite}${o.secure ? '; Secure' : ''}`)
  return readCookies(doc, name)
}

/**
 * Expires a cookie in every given scope (`undefined` = host-only). A cookie is only removed by a write
 * with its exact Domain and Path, which `document.cookie` does not reveal, so every candidate is tried.
 *
 * @example
 * deleteCookie(document, '_ga', hostDomains(location.hostname), pathPrefixes(location.pathname))
 */
export function deleteCookie(doc: Document, name: string, domains: (string | undefined)[], paths: string[]): void {
  // Cookies with these prefixes are only accepted, even to expire them, with `Secure` (RFC 6265bis cookie name prefixes).
  let rest = `; Max-Age=0${/^__(secure|host)-/i.test(name) ? '; Secure' : ''}`
  for (const d of domains) for (const p of paths) put(doc, name, '', d, p, rest)
}

/**
 * Host-only (`undefined`), the host and each parent domain. IP addresses and `localhost` have no parents.
 *
 * @example
 * hostDomains('a.shop.example') // [undefined, 'a.shop.example', 'shop.example', 'example']
 */
export function hostDomains(host: string): (string | undefined)[] {
  let out: (string | undefined)[] = [undefined, host]
  if (host != 'localhost' && !/^[\d.]+$|:/.test(host)) {
    for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) out.push(host.slice(i + 1))
  }
  return out
}

/**
 * `/` and each prefix of the path with and without its trailing slash: the Paths a cookie visible here can have.
 *
 * @example
 * pathPrefixes('/shop/item') // ['/', '/shop', '/shop/', '/shop/item']
 */
export function pathPrefixes(pathname: string): string[] {
  // `;` is not escaped in URL paths but would end the Path attribute, and no cookie Path can contain it.
  let p = pathname.split(';')[0]
  let out = new Set(['/'])
  for (let i = 1; i <= p.length; i++) if (i == p.length || p[i] == '/') out.add(p.slice(0, i)).add(p.slice(0, i + 1))
  return [...out]
}
