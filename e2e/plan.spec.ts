import type { Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible } from './support/fixtures.ts'
import { buildCalendarEvent } from '../server/fund/factories.ts'
import { fromAmsterdam } from '../server/lib/time.ts'
import { buildOrganisation } from '../server/db/factories.ts'
import { buildAssessment, ensureFramework } from '../server/monitor/factories.ts'

async function switchUser(page: Page, email: string) {
  await page.getByRole('button', { name: 'Afmelden' }).click()
  await expect(page).toHaveURL(/\/signin/)
  await signInAs(page, email)
}

test.describe('regional plan', () => {
  test('coordinator writes a plan with a goal and indicator, links an event, evaluates the year, decides, downloads the PDF; a board endorses', async ({ page, world, db }) => {
    test.setTimeout(240_000)
    const title = `Ambitieagenda E2E ${Date.now()}`
    const event = await buildCalendarEvent(db, { title: `Gezamenlijke open dag ${Date.now()}`, startsAt: fromAmsterdam('2019-10-12', '10:00'), regionIds: [world.a.region.id], organiserId: world.a.mbo.id, type: 'OPEN_DAG' })

    await signInAs(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Regioplan' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Regionaal LOB-plan' })).toBeVisible()
    await expectAccessible(page)
    const create = page.getByRole('form', { name: 'Nieuw plan' })
    await create.getByLabel('Regio').selectOption({ label: world.a.region.name })
    await create.getByLabel('Titel').fill(title)
    await create.getByLabel('Eerste schooljaar').fill('2019')
    await create.getByLabel('Laatste schooljaar').fill('2018')
    await create.getByRole('button', { name: 'Plan aanmaken' }).click()
    await expect(create.getByText('Het laatste schooljaar ligt niet voor het eerste')).toBeVisible()
    await create.getByLabel('Laatste schooljaar').fill('2021')
    await create.getByRole('button', { name: 'Plan aanmaken' }).click()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    const planUrl = page.url()

    // A goal under a theme of the letter.
    await page.getByText('Nieuw doel', { exact: true }).click()
    const goalForm = page.getByRole('form', { name: 'Nieuw doel' })
    await goalForm.getByLabel('Thema').selectOption({ label: 'Betrokkenheid vervolgonderwijs (vo–mbo–ho)' })
    await goalForm.getByRole('textbox', { name: 'Doel', exact: true }).fill('Elke leerling loopt mee')
    await goalForm.getByRole('button', { name: 'Doel toevoegen' }).click()
    await expect(goalForm.getByText('Doel toegevoegd.')).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Elke leerling loopt mee' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Elke leerling loopt mee' })).toBeVisible()

    // An indicator computed from activity, with a target.
    await page.getByText('Nieuwe indicator', { exact: true }).click()
    const indForm = page.getByRole('form', { name: 'Nieuwe indicator' })
    await indForm.getByLabel('Naam').fill('Gezamenlijke open dagen')
    await indForm.getByRole('combobox', { name: 'Soort', exact: true }).selectOption('ACTIVITY')
    await indForm.getByLabel('Activiteitcijfer').selectOption('EVENTS')
    await indForm.getByRole('button', { name: 'Indicator toevoegen' }).click()
    await expect(indForm.getByText('Indicator toegevoegd.')).toBeVisible()
    await page.getByText('Streefwaarde vastleggen: Gezamenlijke open dagen').click()
    const targetForm = page.getByRole('form', { name: 'Streefwaarde vastleggen: Gezamenlijke open dagen' })
    await targetForm.getByLabel('Schooljaar').selectOption('2019')
    await targetForm.getByLabel('Waarde').fill('1')
    await targetForm.getByRole('button', { name: 'Streefwaarde vastleggen' }).click()
    await expect(targetForm.getByText('Streefwaarde opgeslagen.')).toBeVisible()

    // Link the event of the regional calendar.
    await page.getByText('Koppelingen wijzigen').click()
    const links = page.getByRole('form', { name: 'Activiteiten in de regioagenda' })
    await links.getByRole('checkbox', { name: new RegExp(event.title) }).check()
    await links.getByRole('button', { name: 'Koppelingen opslaan' }).click()
    await expect(links.getByText('Koppelingen opgeslagen.')).toBeVisible()
    await expect(page.getByTestId('plan-linked-events')).toContainText(event.title)
    await expectAccessible(page)

    // Adopt, then open and run the 2019/20 evaluation.
    await page.goto(planUrl)
    await page.getByRole('button', { name: 'Plan vaststellen' }).click()
    await expect(page.getByText('Vastgesteld als nieuwe versie.')).toBeVisible()
    await page.getByRole('button', { name: 'Evaluatie 2019/20 openen' }).click()
    await page.getByRole('link', { name: 'Evaluatie 2019/20' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluatie schooljaar 2019/20' })).toBeVisible()
    const row = page.getByRole('row', { name: /Gezamenlijke open dagen/ })
    // Actual: the region's published events of the school year — the linked one, plus any other spec of this worker
    // put in the shared test region for 2019/20 (the fund specs do); counted the way the indicator is defined.
    const published = await db.calendarEvent.count({
      where: { status: 'PUBLISHED', regions: { some: { regionId: world.a.region.id, decision: 'PUBLISHED' } }, startsAt: { gte: fromAmsterdam('2019-08-01'), lt: fromAmsterdam('2020-08-01') } },
    })
    expect(published).toBeGreaterThanOrEqual(1)
    // cells after the indicator's name: baseline, actual, target, status (the column order of every indicator table)
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(published))
    await expect(row).toContainText('Op koers')
    await expectAccessible(page)
    const evalForm = page.getByRole('form', { name: 'Evaluatie: Elke leerling loopt mee' })
    await evalForm.getByRole('textbox', { name: 'Evaluatie', exact: true }).fill('Open dag goed bezocht; vmbo blijft achter.')
    await evalForm.getByLabel('Besluit (Act)').selectOption('ADJUST')
    await evalForm.getByLabel('Toelichting bij het besluit').fill('Extra meeloopdag voor vmbo-kader')
    await evalForm.getByRole('button', { name: 'Evaluatie opslaan' }).click()
    await expect(evalForm.getByText('Evaluatie opgeslagen.')).toBeVisible()
    page.once('dialog', (d) => d.accept())
    await page.getByRole('button', { name: 'Besluiten doorvoeren in een nieuwe planversie' }).click()
    await expect(page.getByText('Besluiten doorgevoerd in versie 2.')).toBeVisible()
    // Version 2's change list reads for people: the decision by its label and values, no field names or JSON.
    await page.goto(planUrl)
    await expect(page.getByRole('listitem').filter({ hasText: 'Besluit: — → Bijstellen (2019/20): “Extra meeloopdag voor vmbo-kader”' }).first()).toBeVisible()
    expect(await page.getByRole('main').innerText()).not.toMatch(/\{"|decision:|null →/)

    // The PDF: a real PDF with the plan's title.
    const pdf = await page.request.get(`${planUrl}/pdf?jaar=2019`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const body = await pdf.body()
    expect(body.subarray(0, 5).toString()).toBe('%PDF-')
    expect(body.toString('latin1')).toMatch(/\/Title \d+ 0 R/) // the info dictionary names the title object…
    expect(body.toString('latin1')).toContain(`(${title})`) // …which holds the plan title

    // The version history shows the carried decision.
    await page.goto(planUrl)
    await expect(page.getByText(/Besluiten evaluatie 2019\/20/)).toBeVisible()

    // A board reporter of the region endorses the latest version.
    await switchUser(page, world.a.boardReporter.email)
    await page.goto(planUrl)
    const endorse = page.getByRole('form', { name: 'Reactie vastleggen' })
    await endorse.getByLabel('Besluit').selectOption('AGREE')
    await endorse.getByLabel('Toelichting').fill('Akkoord namens het bestuur')
    await endorse.getByRole('button', { name: 'Reactie vastleggen' }).click()
    await expect(endorse.getByText('Je reactie is vastgelegd.')).toBeVisible()
    await expect(page.getByTestId('plan-endorsements')).toContainText(`${world.a.board.name}: Akkoord — Akkoord namens het bestuur`)
    await expectAccessible(page)

    // Another region's coordinator gets a 403 page and a 403 PDF.
    await switchUser(page, world.b.coordinator.email)
    const res = await page.goto(planUrl)
    expect(res?.status()).toBe(403)
    expect((await page.request.get(`${planUrl}/pdf`)).status()).toBe(403)
  })

  test('the platform admin manages themes; a coordinator edits a goal and enters a hand-counted value, on a phone', async ({ page, world, db }) => {
    await page.setViewportSize({ width: 360, height: 740 })
    const key = `thema-${Date.now()}`
    await signInAs(page, world.admin.email)
    await page.goto('/plan/themas')
    await expect(page.getByRole('heading', { level: 1, name: 'Thema’s van regioplannen' })).toBeVisible()
    const create = page.getByRole('form', { name: 'Nieuw thema' })
    await create.getByLabel('Sleutel').fill('Geen Geldige Sleutel')
    await create.getByLabel('Naam (Nederlands)').fill('Gelijke kansen')
    await create.getByLabel('Naam (Engels)').fill('Equal opportunities')
    await create.getByRole('button', { name: 'Thema toevoegen' }).click()
    await expect(create.getByText('Gebruik kleine letters, cijfers en streepjes.')).toBeVisible()
    await create.getByLabel('Sleutel').fill(key)
    await create.getByRole('button', { name: 'Thema toevoegen' }).click()
    await expect(create.getByText('Thema opgeslagen.')).toBeVisible()
    await expect(page.getByTestId('plan-themes')).toContainText(`(${key})`)
    await expectAccessible(page)

    const theme = await db.planTheme.findUniqueOrThrow({ where: { key } })
    const plan = await db.plan.create({ data: { regionId: world.a.region.id, title: `Plan ${key}`, startYear: 2019, endYear: 2021 } })
    const goal = await db.planGoal.create({ data: { planId: plan.id, themeId: theme.id, title: 'Ouders op de ouderavond' } })
    await db.planIndicator.create({ data: { goalId: goal.id, name: 'Ouders aanwezig', kind: 'MANUAL', sourceNote: 'presentielijsten' } })

    await switchUser(page, world.a.coordinator.email)
    await page.goto(`/plan/${plan.id}/doel/${goal.id}`)
    await page.getByText('Doel bewerken', { exact: true }).click()
    const edit = page.getByRole('form', { name: 'Doel bewerken' })
    await edit.getByRole('textbox', { name: 'Doel', exact: true }).fill('Meer ouders op de ouderavond')
    await edit.getByRole('button', { name: 'Doel opslaan' }).click()
    await expect(edit.getByText('Doel opgeslagen.')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'Meer ouders op de ouderavond' })).toBeVisible()

    await page.getByText('Gemeten waarde vastleggen: Ouders aanwezig').click()
    const value = page.getByRole('form', { name: 'Gemeten waarde vastleggen: Ouders aanwezig' })
    await value.getByLabel('Schooljaar').selectOption('2020')
    await value.getByLabel('Waarde').fill('140')
    await value.getByLabel('Bron').fill('presentielijsten ouderavonden 2020/21')
    await value.getByRole('button', { name: 'Gemeten waarde vastleggen' }).click()
    await expect(value.getByText(/opgeslagen/)).toBeVisible()
    await expect(page.getByRole('row', { name: /2020\/21/ }).getByRole('cell').nth(0)).toHaveText('140') // actual, then target
    const stored = await db.planManualValue.findMany({ where: { indicator: { goalId: goal.id } } })
    expect(stored.map((v) => [v.year, v.value])).toEqual([[2020, 140]])
    await expectAccessible(page)
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
    expect(scroll).toBeLessThanOrEqual(inner)
    // the plan's page too: its money table scrolls inside its own box
    await page.goto(`/plan/${plan.id}`)
    await expect(page.getByTestId('plan-money')).toContainText('Meer ouders op de ouderavond')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await expectAccessible(page)
    // A year's evaluation and the print page: their indicator and money tables scroll inside their own boxes too
    // (the evaluation's tables made the page 300 px too wide at 360 px, the print page's 450 px).
    for (const path of [`/plan/${plan.id}/evaluatie/2020`, `/plan/${plan.id}/afdrukken?jaar=2020`]) {
      await page.goto(path)
      await expect(page.getByRole('region', { name: /Meer ouders op de ouderavond|Geld per doel/ }).first()).toBeVisible()
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await expectAccessible(page)
    }
  })

  test('a coordinator measures a goal with the schools’ LOB self-assessment: the region’s median of a criterion', async ({ page, world, db }) => {
    // Three schools of the region assessed 2018/19 (2, 3, 4 on the first criterion) and the round is closed.
    const fw = await ensureFramework(db)
    const criterion = fw.sections[0]!.criteria[0]!
    const year = 2018
    if (!(await db.monitorRegionRound.findUnique({ where: { regionId_schoolYear: { regionId: world.a.region.id, schoolYear: year } } }))) {
      const scores = [2, 3, 4]
      const schools = await Promise.all(scores.map(() => buildOrganisation(db, { regionIds: [world.a.region.id], sector: 'VO' })))
      for (const [i, s] of schools.entries()) await buildAssessment(db, { organisationId: s.id, schoolYear: year, score: (code) => (code === criterion.code ? scores[i]! : 2) })
      const submitted = await db.monitorAssessment.findMany({ where: { schoolYear: year, status: 'SUBMITTED', organisation: { regions: { some: { regionId: world.a.region.id } } } }, select: { organisationId: true, scores: { select: { score: true, criterion: { select: { code: true } } } } } })
      const counts: Record<string, number[]> = {}
      for (const a of submitted) for (const x of a.scores) (counts[x.criterion.code] ??= [0, 0, 0, 0])[x.score - 1]! += 1
      await db.monitorRegionRound.create({ data: { regionId: world.a.region.id, schoolYear: year, closedById: world.a.coordinator.id, organisationIds: submitted.map((a) => a.organisationId), counts } })
    }
    const theme = await db.planTheme.findUniqueOrThrow({ where: { id: 'plantheme-beleid' } })
    const plan = await db.plan.create({ data: { regionId: world.a.region.id, title: `Plan monitor ${Date.now()}`, startYear: year, endYear: year + 1 } })
    const goal = await db.planGoal.create({ data: { planId: plan.id, themeId: theme.id, title: 'LOB in het schoolbeleid' } })

    await signInAs(page, world.a.coordinator.email)
    await page.goto(`/plan/${plan.id}/doel/${goal.id}`)
    await page.getByText('Nieuwe indicator', { exact: true }).click()
    const indForm = page.getByRole('form', { name: 'Nieuwe indicator' })
    await indForm.getByLabel('Naam').fill('Mediaan beleid')
    await indForm.getByRole('combobox', { name: 'Soort', exact: true }).selectOption('MONITOR')
    await indForm.getByRole('button', { name: 'Indicator toevoegen' }).click()
    await expect(indForm.getByText('Kies een monitorcijfer en een criterium.')).toBeVisible()
    await indForm.getByLabel('Monitorcijfer').selectOption('MEDIAN')
    await indForm.getByLabel('Criterium (LOB-monitor)').selectOption(criterion.code)
    await indForm.getByRole('button', { name: 'Indicator toevoegen' }).click()
    await expect(indForm.getByText('Indicator toegevoegd.')).toBeVisible()
    await page.reload()
    await expect(page.getByText(`Uit de LOB-zelfevaluatie van scholen: Mediaan niveau (1–4) van de scholen, ${criterion.nameNl}`)).toBeVisible()
    await expect(page.getByRole('row', { name: /2018\/19/ }).getByRole('cell').nth(0)).toHaveText('3')
    await expect(page.getByRole('row', { name: /2019\/20/ }).getByRole('cell').nth(0)).toHaveText('—')
    await expectAccessible(page)

    // A mutual agreement; its due date is typed in Dutch order (the date field, not the browser's native input).
    await page.goto(`/plan/${plan.id}`)
    await page.locator('summary', { hasText: 'Afspraak toevoegen' }).click()
    const agreement = page.getByRole('form', { name: 'Afspraak toevoegen' })
    await agreement.getByLabel('Partij').selectOption('MBO')
    await agreement.getByRole('textbox', { name: 'Afspraak', exact: true }).fill('mbo biedt elke vo-school twee meeloopdagen')
    await agreement.getByRole('textbox', { name: 'Eigenaar' }).fill('Kerngroep LOB')
    await agreement.getByRole('textbox', { name: 'Uiterlijk' }).fill('30-06-2019')
    await agreement.getByRole('button', { name: 'Afspraak toevoegen' }).click()
    await expect(agreement.getByText('Afspraak toegevoegd.')).toBeVisible()
    await expect(page.getByText('mbo biedt elke vo-school twee meeloopdagen — Kerngroep LOB, uiterlijk 30 jun. 2019')).toBeVisible()
    expect((await db.planAgreement.findMany({ where: { planId: plan.id }, select: { dueDate: true } })).map((a) => a.dueDate.toISOString().slice(0, 10))).toEqual(['2019-06-30'])
    await expectAccessible(page)
  })
})
