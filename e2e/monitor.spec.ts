import { test, expect, signInAs, expectAccessible } from './support/fixtures.ts'
import { buildAssessment, ensureFramework } from '../server/monitor/factories.ts'
import { currentSchoolYear } from '../server/monitor/school-year.ts'

test.describe('monitor LOB (self-assessment)', () => {
  test('a decaan fills in and submits the self-assessment and sees the comparison with last year; axe-clean at desktop and 360 px', async ({ page, world, db }) => {
    test.setTimeout(180_000)
    const fw = await ensureFramework(db)
    const criteria = fw.sections.flatMap((s) => s.criteria)
    const year = currentSchoolYear()
    // Last school year: every criterion scored 2.
    await buildAssessment(db, { organisationId: world.a.school.id, schoolYear: year - 1, score: 2 })
    page.on('dialog', (d) => void d.accept())

    await signInAs(page, world.a.staff.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Monitor LOB' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Monitor LOB' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('button', { name: `Zelfevaluatie ${year}–${year + 1} starten` }).click()
    await expect(page).toHaveURL(new RegExp(`/monitor/${world.a.school.id}/${year}$`))
    await expect(page.getByText('Er is geen zelfevaluatie')).toHaveCount(0)
    await expectAccessible(page)

    // Submitting with one criterion unscored is refused with a translated message.
    const groups = page.getByRole('group', { name: /^Score voor / })
    await expect(groups).toHaveCount(criteria.length)
    for (let i = 1; i < criteria.length; i++) await groups.nth(i).getByRole('radio', { name: /^Niveau 3 / }).check()
    await page.getByLabel(`Onderbouwing (bewijs) – ${criteria[1]!.nameNl}`).fill('Beleidsplan LOB 2026, vastgesteld door de MR')
    await page.getByRole('button', { name: 'Indienen' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Nog niet alle criteria hebben een score (1 ontbreken)')

    await groups.nth(0).getByRole('radio', { name: /^Niveau 4 / }).check()
    await page.getByRole('button', { name: 'Indienen' }).click()
    await expect(page.getByText('Deze zelfevaluatie is ingediend. Heropen hem om scores te wijzigen.')).toBeVisible()

    // The comparison with last year: per criterion last year, this year and the change, in a table beside the chart.
    const table = page.getByRole('table', { name: 'Scores per criterium: dit schooljaar, vorig schooljaar en het verschil' })
    await expect(table.getByRole('row', { name: new RegExp(`^1\\. ${criteria[0]!.nameNl}`) })).toContainText('2 hoger')
    await expect(table.getByRole('row', { name: new RegExp(`^2\\. ${criteria[1]!.nameNl}`) })).toContainText('1 hoger')
    await expect(page.getByRole('img', { name: /Grafiek: score per criterium/ })).toBeVisible()
    await expect(page.getByText('Beleidsplan LOB 2026, vastgesteld door de MR')).toBeVisible()

    // An action point: bad input first, then a valid one.
    await page.getByRole('textbox', { name: 'Actie', exact: true }).fill('Leerlijn LOB klas 1–3 uitschrijven')
    await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click()
    await expect(page.getByText('Vul de eigenaar in.')).toBeVisible()
    await page.getByRole('textbox', { name: 'Eigenaar', exact: true }).fill('S. Bakker')
    await page.getByLabel('Uiterlijk').fill(`${year + 1}-03-01`)
    await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click()
    await expect(page.getByText('Actiepunt toegevoegd.')).toBeVisible()
    await expect(page.getByRole('table', { name: 'Actiepunten' })).toContainText('S. Bakker')
    await expectAccessible(page)

    await page.setViewportSize({ width: 360, height: 800 })
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectAccessible(page)

    const saved = await db.monitorAssessment.findUnique({ where: { organisationId_schoolYear: { organisationId: world.a.school.id, schoolYear: year } } })
    expect(saved?.status).toBe('SUBMITTED')
  })

  test("another school's assessment page is a 403", async ({ page, world }) => {
    await signInAs(page, world.b.staff.email)
    const res = await page.goto(`/monitor/${world.a.school.id}/${currentSchoolYear()}`)
    expect(res?.status()).toBe(403)
  })
})
