/**
 * Cross-site request forgery: a page of another site (another origin, including another port or subdomain of the
 * same site, which SameSite=Lax cookies do not tell apart) making the signed-in user's browser send a request that
 * changes something — a `fetch(..., { mode: 'no-cors' })` with a text/plain or multipart body, or a plain HTML form,
 * needs no CORS preflight and carries the session cookie. Such a request is refused before it reaches a handler.
 *
 * The browser says where a request comes from: `Sec-Fetch-Site` (every current browser), else `Origin` (which it
 * sends with every POST), compared with the host the request was sent to. A request with neither comes from no
 * browser, so it carries no victim's cookie. Reading (GET, HEAD, OPTIONS) is never refused here: feeds, downloads
 * and embeds are read from other sites, and nothing reads state-changing GETs (there are none).
 */
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The host (and port) a request was sent to: the first X-Forwarded-Host behind a proxy, else Host. */
export const requestHost = (headers: Headers): string | null => headers.get('x-forwarded-host')?.split(',', 1)[0]?.trim() || headers.get('host')

export function isCrossSiteWrite(method: string, headers: Headers): boolean {
  if (READS.has(method.toUpperCase())) return false
  const site = headers.get('sec-fetch-site')
  if (site) return site !== 'same-origin' && site !== 'none'
  const origin = headers.get('origin')
  if (origin === null) return false
  try {
    return new URL(origin).host !== requestHost(headers)
  } catch {
    return true // "null" (a sandboxed frame, a file) or garbage
  }
}
