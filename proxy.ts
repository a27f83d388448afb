/**
 * Next.js 16 Proxy (formerly middleware): security headers with a per-request CSP nonce on every page
 * (server/lib/security-headers.ts). Next.js reads the nonce from the request's Content-Security-Policy header and
 * puts it on its own scripts; pages are rendered per request (app/layout.tsx). Route handlers (/api) get the path
 * check and the refusal of cross-site writes. Not an authorization boundary: permissions are checked in the
 * procedures and pages.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/server/env'
import { newNonce, securityHeaders } from '@/server/lib/security-headers'
import { isUnsafeText } from '@/server/lib/unsafe-text'
import { isCrossSiteWrite } from '@/server/lib/cross-site'
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

/**
 * Route handlers that other sites may POST to: Auth.js's own (its sign-in and sign-out forms carry its CSRF token; an
 * identity provider's form_post callback comes from the provider's site) and the one-click unsubscribe of RFC 8058
 * (a mail client posts it; the token in its URL is all it uses, no session).
 */
const OPEN_TO_OTHER_SITES = /^\/api\/(auth\/|notifications\/unsubscribe$)/

function refuse(request: NextRequest, status: number, code: string, key: string) {
  const message = translator(pickLocale(request.cookies.get(LOCALE_COOKIE)?.value))(key)
  return NextResponse.json({ error: { code, message } }, { status })
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  // Next.js would throw while decoding such a path into params (a 500); answer 400 before routing instead.
  if (unsafePath(pathname)) return refuse(request, 400, 'BAD_REQUEST', 'validation.unsafeText')
  if (pathname.startsWith('/api/')) {
    // Cross-site request forgery (server/lib/cross-site.ts): tRPC, uploads and imports act on the session cookie.
    if (!OPEN_TO_OTHER_SITES.test(pathname) && isCrossSiteWrite(request.method, request.headers)) return refuse(request, 403, 'FORBIDDEN', 'errors.crossSite')
    return NextResponse.next()
  }
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
    // Route handlers: only the path and cross-site checks above (no nonce; next.config.js sets their headers).
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
