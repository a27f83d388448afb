import { test, expect, signInAs, expectAccessible } from './support/fixtures.ts'
import { buildOrganisation, buildRegion, buildUser, uniq } from '../server/db/factories.ts'

/** Issue #11: an organisation joins another region only with its consent (request → the organisation accepts). */
test.describe('region membership by consent', () => {
  test('a coordinator asks to add another region’s school; the school accepts one request and declines another', async ({ page, browser, db, world }) => {
    // Fresh organisations in region B (the worker's world is shared with other specs and stays unchanged).
    const school = await buildOrganisation(db, { regionIds: [world.b.region.id], sector: 'VO' })
    const other = await buildOrganisation(db, { regionIds: [world.b.region.id], sector: 'VO' })
    const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }, { role: 'ORG_STAFF', organisationId: other.id }] })

    await signInAs(page, world.a.coordinator.email)
    await page.goto('/organisations')
    const form = page.getByRole('form', { name: 'Organisatie aan je regio toevoegen' })
    for (const org of [school, other]) {
      await form.getByLabel('BRIN').fill(org.brin)
      await form.getByRole('button', { name: 'Toevoegen aanvragen' }).click()
      await expect(form.getByText(`Aangevraagd: ${org.name} — wacht op toestemming.`)).toBeVisible()
    }
    const requests = page.getByRole('table', { name: 'Regioverzoeken' })
    await expect(requests.getByRole('row', { name: new RegExp(school.brin) })).toContainText('Aangevraagd — wacht op toestemming')
    await expect(requests.getByRole('button')).toHaveCount(0)
    await expectAccessible(page)
    // still no access to the school itself
    expect((await page.goto(`/organisations/${school.id}`))?.status()).toBe(403)

    const context = await browser.newContext() // axe needs a page of its own context
    const decaan = await context.newPage()
    await signInAs(decaan, staff.email)
    await decaan.goto(`/organisations/${school.id}`)
    await expectAccessible(decaan)
    await decaan.getByRole('button', { name: `Accepteren: ${school.name} sluit aan bij ${world.a.region.name}` }).click()
    await expect(decaan.getByText(`${school.name} neemt nu deel aan ${world.a.region.name}.`)).toBeVisible()
    await expect(decaan.getByRole('listitem').filter({ hasText: world.a.region.name })).toBeVisible()

    await decaan.goto('/organisations')
    const decline = decaan.getByRole('button', { name: `Afwijzen: ${other.name} sluit niet aan bij ${world.a.region.name}` })
    decaan.once('dialog', (d) => void d.dismiss())
    await decline.click()
    await expect(decline).toBeVisible()
    decaan.once('dialog', (d) => void d.accept())
    await decline.click()
    await expect(decaan.getByText(`Verzoek afgewezen: ${other.name} sluit niet aan bij ${world.a.region.name}.`)).toBeVisible()
    await expect(decline).toHaveCount(0)
    await context.close()

    // the coordinator now reaches the school that consented, not the one that declined
    expect((await page.goto(`/organisations/${school.id}`))?.status()).toBe(200)
    expect((await page.goto(`/organisations/${other.id}`))?.status()).toBe(403)
  })
})

/** Issue #19: the organisations list pages by name (25 at a time) with the total, keeping the search. */
test.describe('organisations list', () => {
  test('a coordinator pages through the region’s organisations with the total shown; it fits 360 px', async ({ page, db }) => {
    const region = await buildRegion(db)
    const prefix = `Paginacollege ${uniq()}`
    for (let i = 0; i < 30; i++) await buildOrganisation(db, { regionIds: [region.id], sector: 'VO', name: `${prefix} ${String(i).padStart(2, '0')}` })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    await signInAs(page, coordinator.email)
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`/organisations?q=${encodeURIComponent(prefix)}`)
    const pager = page.getByTestId('organisations-pager')
    await expect(pager).toContainText('1–25 van 30')
    const table = page.getByRole('table', { name: 'Organisaties' })
    await expect(table.getByRole('row')).toHaveCount(26)
    await expectAccessible(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await pager.getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(page.getByTestId('organisations-pager')).toContainText('26–30 van 30')
    await expect(table.getByRole('row')).toHaveCount(6)
    await expect(table).toContainText(`${prefix} 29`)
    await expect(page).toHaveURL(/q=Paginacollege/) // the search is kept
    await expect(page.getByTestId('organisations-pager').getByRole('link', { name: 'Volgende pagina' })).toHaveCount(0)
    await page.getByTestId('organisations-pager').getByRole('link', { name: 'Eerste pagina' }).click()
    await expect(page.getByTestId('organisations-pager')).toContainText('1–25 van 30')
    // A forged cursor is a 404 page, not an error.
    expect((await page.goto('/organisations?na=x%27%3Bdrop'))?.status()).toBe(404)
  })
})
