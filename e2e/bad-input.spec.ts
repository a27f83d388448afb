import { test, expect, signInByEmail } from './support/fixtures.ts'

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
