/**
 * Next.js 16 Proxy (formerly middleware): security headers with a per-request CSP nonce on every page
 * (server/lib/security-headers.ts). Next.js reads the nonce from the request's Content-Security-Policy header and
 * puts it on its own scripts; pages are rendered per request (app/layout.tsx). Not an authorization boundary:
 * permissions are checked in the procedures and pages.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/server/env'
import { newNonce, securityHeaders } from '@/server/lib/security-headers'
import { isUnsafeText } from '@/server/lib/unsafe-text'
import { translator } from '@/server/i18n/translate'
import { LOCALE_COOKIE, pickLocale } from '@/server/i18n/config'

const formActionOrigins = [env.SURFCONEXT_ISSUER, env.ENTREE_ISSUER].filter((u): u is string => !!u).map((u) => new URL(u).origin)
const https = env.AUTH_URL?.startsWith('https://') ?? false

/** A path that does not decode (invalid UTF-8 such as `%ED%A0%80`) or decodes to a NUL or a lone surrogate. */
function unsafePath(pathname: string): boolean {
  return pathname.split('/').some((segment) => {
    try {
      return isUnsafeText(decodeURIComponent(segment))
    } catch {
      return true
    }
  })
}

export function proxy(request: NextRequest) {
  // Next.js would throw while decoding such a path into params (a 500); answer 400 before routing instead.
  if (unsafePath(request.nextUrl.pathname)) {
    const locale = pickLocale(request.cookies.get(LOCALE_COOKIE)?.value)
    const message = translator(locale)('validation.unsafeText')
    return NextResponse.json({ error: { code: 'BAD_REQUEST', message } }, { status: 400 })
  }
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next()
  const nonce = newNonce()
  const headers = securityHeaders({ nonce, pathname: request.nextUrl.pathname, embedOrigins: env.EMBED_ALLOWED_ORIGINS, formActionOrigins, https, production: env.NODE_ENV === 'production' })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v)
  return response
}

export const config = {
  matcher: [
    // Route handlers: only the path check above (they need no nonce; next.config.js sets their headers).
    '/api/:path*',
    {
      // Pages: static files and prefetches need no nonce (next.config.js sets the rest).
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
