import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test, expect, signInByEmail } from './support/fixtures.ts'
import { buildBudgetLine, buildFundGrant, buildReport } from '../server/fund/factories.ts'

test.describe('bad input over HTTP', () => {
  test('is a translated 4xx without internals, never a 500', async ({ page, world }) => {
    await signInByEmail(page, world.a.coordinator.email)
    const api = page.request
    const noLeak = (body: string) => {
      expect(body).not.toMatch(/"stack"|\n\s+at |node_modules|prisma/i)
    }

    const malformed = await api.post('/api/trpc/organisation.create', { headers: { 'content-type': 'application/json' }, data: '{"json": {' })
    expect(malformed.status()).toBe(400)
    noLeak(await malformed.text())

    const invalid = await api.post('/api/trpc/organisation.create', {
      data: { json: { name: 'X', brin: '1234', sector: 'PO', city: 'Utrecht', regionIds: [world.a.region.id] } },
    })
    expect(invalid.status()).toBe(400)
    const body = await invalid.text()
    noLeak(body)
    const json = JSON.parse(body) as { error: { json: { message: string; data: { issues: { path: string; message: string }[] } } } }
    expect(json.error.json.message).toBe('Controleer de ingevulde gegevens.')
    const issues = Object.fromEntries(json.error.json.data.issues.map((i) => [i.path, i.message]))
    expect(issues.brin).toBe('Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 21AB.')
    expect(issues.name).toBe('Vul minstens 2 tekens in.')
    expect(issues.sector).toBeTruthy()

    const cross = await api.post('/api/trpc/organisation.setRegion', { data: { json: { organisationId: world.b.school.id, regionId: world.b.region.id, member: false } } })
    expect(cross.status()).toBe(403)
    noLeak(await cross.text())

    const unknown = await api.get('/api/trpc/organisation.doesNotExist')
    expect(unknown.status()).toBe(404)

    const badQuery = await api.get(`/api/trpc/organisation.get?input=${encodeURIComponent('{"json":{"id":""}}')}`)
    expect(badQuery.status()).toBe(400)

    const anon = await page.context().browser()!.newContext()
    const res = await anon.request.get(`${page.url().replace(/\/$/, '')}/api/trpc/me.get`)
    expect(res.status()).toBe(401)
    await anon.close()
  })
})

/** Every route handler, found by walking app/api (not listed by hand): its URL pattern and exported methods. */
function routeHandlers(): { pattern: string[]; methods: string[] }[] {
  const found: { pattern: string[]; methods: string[] }[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8')
        const methods = [...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b|\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? m[2]!)
        found.push({ pattern: path.relative('app', path.dirname(full)).split(path.sep), methods: [...new Set(methods)] })
      }
    }
  }
  walk('app/api')
  return found
}

const url = (pattern: string[], param: string, query = '') => '/' + pattern.map((s) => (s.startsWith('[') ? param : s)).join('/') + query

test.describe('malformed requests to every route handler', () => {
  test('never answer 5xx (NUL, invalid UTF-8, lone surrogates, huge values, broken and oversized bodies)', async ({ page, world }) => {
    test.setTimeout(600_000)
    const routes = routeHandlers()
    expect(routes.length).toBeGreaterThan(10)
    expect(routes.map((r) => r.pattern.join('/'))).toContain('api/demo/sign-in')
    const params = ['x', '%00', 'a%00b.ics', '%ED%A0%80', '%F0%9F', 'x'.repeat(3000)]
    const queries = [
      '',
      '?format=%00&datasetId=%00&regionId=%ED%A0%80&cohortYear=%00',
      `?format=xlsx&options=${encodeURIComponent('{"datasetId":"a\\u0000b"}')}&cohortYear=abc`,
      '?options=%7B&format=' + 'x'.repeat(3000),
    ]
    const bodies: [string, { headers?: Record<string, string>; data?: string | Buffer }][] = [
      ['no body', {}],
      ['invalid JSON', { headers: { 'content-type': 'application/json' }, data: '{"json": {' }],
      ['multipart without boundary', { headers: { 'content-type': 'multipart/form-data' }, data: 'garbage' }],
      ['form with NUL', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'userId=%00&file=%ED%A0%80' }],
      ['JSON with NUL', { headers: { 'content-type': 'application/json' }, data: '{"0":{"json":{"id":"a\\u0000b"}}}' }],
      ['6 MB', { headers: { 'content-type': 'application/octet-stream' }, data: Buffer.alloc(6 * 1024 * 1024, 0x41) }],
    ]
    const anonymous = await page.context().browser()!.newContext()
    await signInByEmail(page, world.a.coordinator.email)
    const base = new URL(page.url()).origin
    const clients = [
      ['coordinator', page.request],
      ['anonymous', anonymous.request],
    ] as const
    const failures: string[] = []
    const statuses = new Map<number, number>()
    let sent = 0
    const send = async (who: string, api: (typeof clients)[number][1], method: string, target: string, body: (typeof bodies)[number][1] = {}) => {
      const res = await api.fetch(base + target, { method, headers: body.headers, data: body.data, maxRedirects: 0, failOnStatusCode: false })
      sent += 1
      statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1)
      if (res.status() >= 500) failures.push(`${who} ${method} ${target.slice(0, 120)}: ${res.status()} ${(await res.text()).slice(0, 120)}`)
    }
    for (const route of routes)
      for (const method of route.methods)
        for (const [who, api] of clients) {
          for (const param of params) for (const query of queries) await send(who, api, method, url(route.pattern, param, query))
          if (method !== 'GET') for (const [, body] of bodies) for (const param of ['x', '%00']) await send(who, api, method, url(route.pattern, param), body)
        }
    await anonymous.close()
    console.log(`[bad-input] ${sent} malformed requests to ${routes.length} route handlers; statuses: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`)
    expect(failures).toEqual([])
  })

  test('tRPC over HTTP: NUL is a translated 400, a batch over the limit 400, a body over 1 MB 413', async ({ page }) => {
    const api = page.request
    const nul = await api.get(`/api/trpc/region.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: 'a\u0000b' } }))}`)
    expect(nul.status()).toBe(400)
    const body = (await nul.json()) as { error: { json: { data: { issues: { path: string; message: string }[] } } } }
    expect(body.error.json.data.issues).toEqual([{ path: 'slug', message: 'Deze tekst bevat een ongeldig teken (zoals een nul-teken). Haal het weg en probeer het opnieuw.' }])
    const book = await api.post('/api/trpc/slots.book', { data: { json: { slotId: 'x\u0000', name: 'a\ud800', email: 'a@b.nl' } } })
    expect(book.status()).toBe(400)

    const batch = (n: number) => `/api/trpc/${Array(n).fill('region.bySlug').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { slug: 'geen-regio' } }]))))}`
    expect((await api.get(batch(21))).status()).toBe(400)
    const full = await api.get(batch(20))
    expect(full.status()).not.toBe(400) // each call answered (here: 404, no such region)
    expect((await full.json()) as unknown[]).toHaveLength(20)

    const big = await api.post('/api/trpc/region.create', { headers: { 'content-type': 'application/json' }, data: JSON.stringify({ json: { name: 'x'.repeat(1024 * 1024) } }) })
    expect(big.status()).toBe(413)
    expect(((await big.json()) as { error: string }).error).toBe('Het verzoek is te groot (hoogstens 1024 kB).')
  })

  test('uploads are authorized before their body is read: another tenant’s report or dataset is 403, not 413', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.b.region.id, penvoerderId: world.b.school.id, fundName: `Upload ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.b.board.id] })
    const report = await buildReport(db, { budgetLineId: line.id, boardId: world.b.board.id, year: 2019, amountCents: 1000 })
    const dataset = await db.transitionDataset.create({ data: { organisationId: world.b.school.id, source: 'NCO', description: 'B' } })
    await signInByEmail(page, world.a.coordinator.email)
    const sixMb = Buffer.alloc(6 * 1024 * 1024, 0x41)
    const upload = await page.request.post(`/api/fund/reports/${report.id}/evidence`, { headers: { 'content-type': 'multipart/form-data; boundary=x' }, data: sixMb })
    expect(upload.status()).toBe(403)
    const analyse = await page.request.post(`/api/transitions/analyse?options=${encodeURIComponent(JSON.stringify({ datasetId: dataset.id }))}`, { data: Buffer.alloc(100 * 1024, 0x41) })
    expect(analyse.status()).toBe(403)
  })
})
