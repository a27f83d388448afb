/**
 * Next.js 16 Proxy (formerly middleware): security headers with a per-request CSP nonce on every page
 * (server/lib/security-headers.ts). Next.js reads the nonce from the request's Content-Security-Policy header and
 * puts it on its own scripts; pages are rendered per request (app/layout.tsx). Not an authorization boundary:
 * permissions are checked in the procedures and pages.
 */
import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/server/env'
import { newNonce, securityHeaders } from '@/server/lib/security-headers'

const formActionOrigins = [env.SURFCONEXT_ISSUER, env.ENTREE_ISSUER].filter((u): u is string => !!u).map((u) => new URL(u).origin)
const https = env.AUTH_URL?.startsWith('https://') ?? false

export function proxy(request: NextRequest) {
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
    {
      // Pages only: route handlers (api), static files and prefetches need no nonce (next.config.js sets the rest).
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
