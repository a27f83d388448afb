/**
 * Security headers of every page, set per request by proxy.ts (a fresh CSP nonce each time). Pure: unit-tested.
 *  - Content-Security-Policy: scripts only with this request's nonce ('strict-dynamic' lets them load Next's
 *    chunks), no 'unsafe-inline' for scripts; frame-ancestors 'none', except on the public calendar and booking
 *    pages, which the origins in EMBED_ALLOWED_ORIGINS may frame.
 *  - X-Frame-Options: DENY for browsers without frame-ancestors; left off where embedding is allowed.
 *  - Strict-Transport-Security: production served over https (AUTH_URL) only.
 */

/** Public calendar and booking pages (no sign-in) that schools may embed: /regio/…, /instelling/…, /boeking/…. */
export function isEmbeddablePath(pathname: string): boolean {
  return /^\/(regio|instelling|boeking)\/[^/]/.test(pathname)
}

export type SecurityHeaderOptions = {
  nonce: string
  pathname: string
  /** Origins allowed to frame the embeddable pages (env EMBED_ALLOWED_ORIGINS). */
  embedOrigins: string[]
  /** Origins a form submission may be redirected to (the OpenID Connect providers' sign-in pages). */
  formActionOrigins: string[]
  /** The public URL is https (AUTH_URL). */
  https: boolean
  production: boolean
}

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const embed = isEmbeddablePath(o.pathname) && o.embedOrigins.length > 0
  const directives = [
    `default-src 'self'`,
    // React only needs eval in development (debugging information); never in production.
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.production ? '' : ` 'unsafe-eval'`}`,
    // Inline style attributes (charts, layout) only: styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'${o.formActionOrigins.map((x) => ` ${x}`).join('')}`,
    `frame-ancestors ${embed ? o.embedOrigins.join(' ') : `'none'`}`,
    ...(o.https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Security-Policy': contentSecurityPolicy(o) }
  if (!(isEmbeddablePath(o.pathname) && o.embedOrigins.length > 0)) headers['X-Frame-Options'] = 'DENY'
  if (o.production && o.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  return headers
}

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
}
