import createNextIntlPlugin from 'next-intl/plugin'

const withNextIntl = createNextIntlPlugin('./server/i18n/request.ts')

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several checkouts of one machine build side by side (NEXT_DIST_DIR=.next-xyz).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Inlined at build time: a production build (`npm run build`) has no demo sign-in code path that
  // any runtime variable could switch on. Only `npm run demo` builds with OVERSTAP_DEMO_BUILD=1.
  env: { OVERSTAP_DEMO_BUILD: process.env.OVERSTAP_DEMO_BUILD === '1' ? '1' : '0' },
  serverExternalPackages: ['pg', '@prisma/client', '@prisma/adapter-pg', 'nodemailer', 'pg-boss', 'exceljs', 'pdfkit'],
  poweredByHeader: false,
  // forbidden() from next/navigation: a real 403 page when a signed-in user opens another tenant's page.
  // Turbopack's build cache (on by default) is written at the end of every build (15–21 s here) and read only by a
  // later build in the same folder: CI builds a fresh clone once per folder, so it writes it there for nothing.
  experimental: { authInterrupts: true, turbopackFileSystemCacheForBuild: process.env.CI !== 'true' },
  // `npm test` typechecks separately (tsc) and then builds with NEXT_SKIP_TYPECHECK=1, as the demo build does (it runs
  // the app; `npm run build` for a deployment keeps the check); it also lets a build go ahead while other work is mid-way.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  typedRoutes: false,
  // Headers that are the same for every response. Pages get theirs per request from proxy.ts (CSP with a nonce,
  // frame-ancestors, X-Frame-Options, HSTS; see server/lib/security-headers.ts); route handlers never in a frame.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      {
        // The check-in page scans confirmations' QR codes with the phone's camera (same origin only).
        source: '/agenda/:id/aanmelding/inchecken',
        headers: [{ key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' }],
      },
      {
        source: '/api/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
        ],
      },
    ]
  },
}

export default withNextIntl(nextConfig)
