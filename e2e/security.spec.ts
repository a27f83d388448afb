import http from 'node:http'
import type { Page } from '@playwright/test'
import { appEnv } from '../playwright.config.ts'
import { test, expect, signInAs } from './support/fixtures.ts'
import { publishedSlot } from './support/slots.ts'
import { uniq } from '../server/db/factories.ts'

const PUBLIC_LIMIT = Number(appEnv.SLOTS_PUBLIC_RATE_LIMIT)

/** Parses a Content-Security-Policy header into its directives. */
function csp(header: string | undefined): Record<string, string> {
  expect(header, 'Content-Security-Policy header').toBeTruthy()
  return Object.fromEntries(header!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]))
}

/** CSP violations reported in the browser console while `fn` runs. */
async function cspViolations(page: Page, fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text())
  })
  await fn()
  return seen
}

/** Hydrated: React has attached its fibers to the server-rendered DOM. */
const hydrated = (page: Page) => page.evaluate(() => Object.keys(document.querySelector('main') ?? {}).some((k) => k.startsWith('__reactFiber')))

test.describe('HTTP security headers', () => {
  test('pages: CSP with a fresh nonce per request on every script, no unsafe-inline for scripts, not framable', async ({ request }) => {
    const [a, b] = [await request.get('/signin'), await request.get('/signin')]
    const [pa, pb] = [csp(a.headers()['content-security-policy']), csp(b.headers()['content-security-policy'])]
    const nonce = /'nonce-([^']+)'/.exec(pa['script-src']!)?.[1]
    expect(nonce).toBeTruthy()
    expect(pb['script-src']).not.toContain(`'nonce-${nonce}'`)
    expect(pa['script-src']).not.toContain('unsafe-inline')
    expect(pa['script-src']).not.toContain('unsafe-eval')
    expect(pa['object-src']).toBe("'none'")
    expect(pa['frame-ancestors']).toBe("'none'")
    expect(a.headers()['x-frame-options']).toBe('DENY')
    expect(a.headers()['x-content-type-options']).toBe('nosniff')
    expect(a.headers()['strict-transport-security']).toBeUndefined() // plain http here: HSTS only over https in production
    const html = await a.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`)
  })

  test('the public calendar and booking pages may be framed by the configured origins only', async ({ request, world }) => {
    for (const path of [`/regio/${world.a.region.slug}/agenda`, `/regio/${world.a.region.slug}/proefstuderen`, `/instelling/${world.a.mbo.brin}/proefstuderen`, '/boeking/unknown-token']) {
      const res = await request.get(path)
      expect(csp(res.headers()['content-security-policy'])['frame-ancestors'], path).toBe('https://school.example')
      expect(res.headers()['x-frame-options'], path).toBeUndefined()
    }
    for (const path of ['/', '/agenda', '/proefstuderen', '/signin/check-email']) {
      const res = await request.get(path, { maxRedirects: 0 })
      expect(csp(res.headers()['content-security-policy'])['frame-ancestors'], path).toBe("'none'")
      expect(res.headers()['x-frame-options'], path).toBe('DENY')
    }
    const api = await request.get('/api/auth/providers')
    expect(api.headers()['x-frame-options']).toBe('DENY')
    expect(api.headers()['content-security-policy']).toBe("frame-ancestors 'none'")
  })

  test('pages still hydrate under the CSP: client-side navigation, no violations', async ({ page, world }) => {
    const violations = await cspViolations(page, async () => {
      await page.goto(`/regio/${world.a.region.slug}/agenda`)
      await expect.poll(() => hydrated(page)).toBe(true)
      await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 1))
      const link = page.locator('main a[href^="?month="]').last() // next month (next/link)
      const href = (await link.getAttribute('href'))!
      await link.click()
      await expect(page).toHaveURL(new RegExp(`/regio/${world.a.region.slug}/agenda\\${href}$`))
      // A soft navigation keeps the window: the click was handled by the hydrated client router, not a reload.
      expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(1)
      await page.goto('/signin')
      await expect.poll(() => hydrated(page)).toBe(true)
    })
    expect(violations).toEqual([])
  })
})

/** A raw HTTP request from a chosen loopback source address (its own rate-limit bucket) with a chosen X-Forwarded-For. */
function post(path: string, body: unknown, localAddress: string, xff: string): Promise<number> {
  const port = Number(process.env.PORT ?? 3100)
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body)
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), 'x-forwarded-for': xff, host: `localhost:${port}` } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(data)
  })
}

test('rotating X-Forwarded-For does not escape the per-IP limit of public booking endpoints', async () => {
  // Its own source address on loopback, so that other tests' requests from 127.0.0.1 keep their budget.
  const source = `127.${1 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`
  const statuses: number[] = []
  for (let i = 0; i < 2 * PUBLIC_LIMIT && !statuses.includes(429); i++)
    statuses.push(await post('/api/trpc/slots.cancelBooking', { json: { token: 'C'.repeat(43) } }, source, `198.51.100.${i}, 203.0.113.${i}`))
  expect(statuses.slice(0, -1).every((s) => s !== 429)).toBe(true)
  expect(statuses.at(-1)).toBe(429)
  expect(statuses.length).toBeLessThanOrEqual(PUBLIC_LIMIT + 1) // SLOTS_PUBLIC_RATE_LIMIT writes per minute, whatever the header says
})

/** A raw GET from a chosen loopback source address (its own rate-limit bucket): status and body. */
function get(path: string, localAddress: string): Promise<{ status: number; body: string }> {
  const port = Number(process.env.PORT ?? 3100)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', localAddress, headers: { host: `localhost:${port}`, cookie: 'NEXT_LOCALE=nl' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('a client over the public read limit gets the slot search page with a translated message, not an error page', async ({ world }) => {
  const source = `127.${1 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`
  const input = encodeURIComponent(JSON.stringify({ json: { regionSlug: world.a.region.slug } }))
  // use up the minute's read points of this address (SLOTS_PUBLIC_RATE_LIMIT × 10)
  let status = 0
  for (let i = 0; i < 10 * PUBLIC_LIMIT + 20 && status !== 429; i++) status = (await get(`/api/trpc/slots.search?input=${input}`, source)).status
  expect(status).toBe(429)
  const page = await get(`/regio/${world.a.region.slug}/proefstuderen`, source)
  expect(page.status).toBe(200)
  expect(page.body).toContain('Te veel verzoeken. Wacht even en probeer het opnieuw.')
})

test('a page of another site cannot make a signed-in browser change anything (cross-site request forgery)', async ({ page, world, db }) => {
  await signInAs(page, world.a.coordinator.email)
  const tokens = () => db.calendarFeedToken.count({ where: { userId: world.a.coordinator.id } })
  const before = await tokens()
  // What a page on another origin (another site, or another port of this host) makes the browser send with the
  // session cookie, without a CORS preflight: a text/plain or multipart body; the browser names where it comes from.
  const foreign = { origin: 'http://localhost:3999', 'sec-fetch-site': 'same-site' }
  const trpc = await page.request.post('/api/trpc/calendar.createFeedToken', { headers: { ...foreign, 'content-type': 'application/json' }, data: { json: { label: 'x' } } })
  expect(trpc.status()).toBe(403)
  expect(((await trpc.json()) as { error: { message: string } }).error.message).toBe('Dit verzoek kwam van een andere website en is geweigerd. Open Overstap zelf en probeer het daar opnieuw.')
  const upload = await page.request.post('/api/transitions/import?options=%7B%7D', { headers: { ...foreign, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, data: 'a;b\n1;2\n' })
  expect(upload.status()).toBe(403)
  // and tRPC takes JSON only: a form body from the app's own origin is 415
  const form = await page.request.post('/api/trpc/calendar.createFeedToken', { headers: { 'sec-fetch-site': 'same-origin' }, multipart: { label: 'x' } })
  expect(form.status()).toBe(415)
  expect(await tokens()).toBe(before)
  // the app's own page still can
  await page.goto('/agenda')
  const own = await page.evaluate(async () => (await fetch('/api/trpc/calendar.createFeedToken', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { label: 'eigen' } }) })).status)
  expect(own).toBe(200)
  expect(await tokens()).toBe(before + 1)
})

test.describe('refusals and dead links answer with their status, never a 200 or a 500', () => {
  test('another institution’s slot page is a 403 for a decaan, a coordinator and another publisher; an unknown one a 404', async ({ page, world, db }) => {
    const { slot } = await publishedSlot(db, { organisationId: world.a.hbo.id, name: `Bedrijfskunde ${uniq()}`, sector: 'HBO', daysAhead: 30, from: '10:00', to: '15:00', location: 'Campus Zuid', capacity: 10 })
    for (const who of [world.a.staff, world.a.coordinator, world.b.publisher, world.a.publisher]) {
      await signInAs(page, who.email)
      const res = await page.goto(`/proefstuderen/${slot.id}`)
      expect(res?.status(), who.email).toBe(403)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je hebt geen toegang tot dit onderdeel.')
    }
    expect((await page.goto('/proefstuderen/c000000000000000000000000'))?.status()).toBe(404)
  })

  test('another region’s transition figures are a 403', async ({ page, world }) => {
    await signInAs(page, world.a.coordinator.email)
    const res = await page.goto(`/doorstroom/regio/${world.b.region.id}`)
    expect(res?.status()).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je hebt geen toegang tot dit onderdeel.')
  })

  test('an unknown, tampered or malformed personal link is a 404 with its clear message', async ({ request }) => {
    const pages = [
      ['/leerling/', 'Deze persoonlijke link is onbekend, ingetrokken of verlopen.'],
      ['/boeking/', 'Deze link is ongeldig of niet meer bruikbaar.'],
      ['/aanmelding/', 'Deze link is ongeldig of verlopen.'],
      ['/evaluatie/', 'Deze link is onbekend of verlopen.'],
    ] as const
    for (const [path, message] of pages) {
      for (const token of ['x'.repeat(43), 'unknown-token']) {
        const res = await request.get(path + token)
        expect(res.status(), path + token).toBe(404)
        expect(await res.text(), path + token).toContain(message)
      }
    }
  })
})
