import { defineConfig, devices } from '@playwright/test'

/**
 * E2E against the production build (`next build` first; `npm test` does it) on Debian's Chromium.
 * Per-run ports derive from PORT so that several checkouts/agents can run side by side.
 * DATABASE_URL comes from `npm run test:e2e` (server/scripts/with-db.ts): the given server, or an in-memory PGlite.
 */
const PORT = Number(process.env.PORT ?? 3100)
// Auth.js builds its form and callback URLs on "localhost"; the same origin keeps the CSRF cookie.
const baseURL = `http://localhost:${PORT}`
export const SMTP_PORT = PORT + 10
export const MAIL_API = `http://127.0.0.1:${PORT + 11}`
const OIDC_PORT = PORT + 12
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl) throw new Error('DATABASE_URL is not set: run through `npm run test:e2e`')

export const appEnv = {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-0123456789abcdef0123456789',
  AUTH_URL: baseURL,
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  EMAIL_FROM: 'Overstap <noreply@overstap.test>',
  SURFCONEXT_ISSUER: `http://localhost:${OIDC_PORT}`,
  SURFCONEXT_CLIENT_ID: 'overstap-e2e',
  SURFCONEXT_CLIENT_SECRET: 'overstap-e2e-secret',
  // The test IdP may assert addresses of the factories' domain only (e2e/auth.spec.ts checks another is refused).
  SURFCONEXT_EMAIL_DOMAINS: 'example.test',
  // The public calendar and booking pages may be framed by this origin (e2e/security.spec.ts).
  EMBED_ALLOWED_ORIGINS: 'https://school.example',
  // Every e2e sign-in comes from loopback: the per-IP sign-in mail limit is tested on its own (auth.spec.ts).
  SIGNIN_MAIL_LIMIT_PER_IP: '1000',
  // One worker's users sign in up to ~10 times in a run; auth.spec.ts exhausts this limit for its own addresses.
  SIGNIN_MAIL_LIMIT_PER_ADDRESS: '20',
  // The public per-IP limit (the default, stated here for e2e/security.spec.ts, which uses up its own address's points).
  SLOTS_PUBLIC_RATE_LIMIT: '60',
  // Set at RUN time on purpose: a production build inlines OVERSTAP_DEMO_BUILD at build time (next.config.js), so
  // this must not switch the demo sign-in on (e2e/auth.spec.ts checks the 404 and that no demo buttons show).
  OVERSTAP_DEMO_BUILD: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  PORT: String(PORT),
}

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Two spec files run side by side (E2E_WORKERS=1 for one at a time): each worker builds its own users and tenants
  // (support/fixtures.ts); tests inside a file stay in order. On two cores: 14.8 against 18.4–19.3 minutes.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // list, then each failure's head again as the last lines (a CI log cut to its tail still names the failing step)
  reporter: [['list'], ['./e2e/support/failure-summary.ts']],
  outputDir: `test-results/e2e-${PORT}`,
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', // Debian's chromium
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: [
    {
      command: 'tsx e2e/support/mail-sink.ts',
      url: `${MAIL_API}/health`,
      env: { SMTP_PORT: String(SMTP_PORT), MAIL_API_PORT: String(PORT + 11) },
      reuseExistingServer: false,
    },
    {
      command: 'tsx e2e/support/oidc-idp.ts',
      url: `http://localhost:${OIDC_PORT}/health`,
      env: { OIDC_PORT: String(OIDC_PORT), APP_ORIGIN: baseURL },
      reuseExistingServer: false,
    },
    {
      command: `npm run --silent db:migrate:deploy && tsx server/scripts/start.ts -H localhost -p ${PORT}`,
      url: `${baseURL}/api/auth/providers`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: appEnv,
    },
  ],
})
