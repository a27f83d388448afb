import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible, expectHydrated } from './support/fixtures.ts'
import { buildUser } from '../server/db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport, SAMPLE_PDF } from '../server/fund/factories.ts'
import { fromAmsterdam } from '../server/lib/time.ts'

/** signInAs replaces the session cookie: the next page is the other user's. */
const switchUser = signInAs
const tabs = (page: Page) => page.getByRole('navigation', { name: 'Onderdelen van de subsidie' })

/** At phone width the page does not scroll sideways and is axe-clean. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await expectAccessible(page)
}

test.describe('regional fund', () => {
  test('report with evidence → rejected → fixed and resubmitted → approved → shown on the dashboard and in the XLSX export', async ({ page, world, db }) => {
    test.setTimeout(240_000) // four sign-ins and a dozen page loads on a shared CI machine
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-fonds ${Date.now()}` })
    await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Gezamenlijke open dagen', category: 'ACTIVITIES', amountCents: 500_000 })

    // The board reporter finds the fund in the navigation and writes a report.
    await signInAs(page, world.a.boardReporter.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Regiofonds' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Regiofonds' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('link', { name: grant.fundName }).click()
    await expect(page.getByRole('heading', { name: 'Dashboard bestuur' })).toBeVisible()
    await expect(tabs(page).getByRole('link', { name: 'Overzicht' })).toHaveAttribute('aria-current', 'page')
    await expectAccessible(page)
    // The reports have their own tab (URL); the overview no longer lists them.
    await expect(page.getByRole('table', { name: 'Rapportages' })).toHaveCount(0)
    await tabs(page).getByRole('link', { name: 'Rapportages' }).click()
    await expect(page).toHaveURL(`/fonds/${grant.id}/rapportages`)
    await expect(tabs(page).getByRole('link', { name: 'Rapportages' })).toHaveAttribute('aria-current', 'page')

    await page.getByRole('combobox', { name: /Begrotingsregel/ }).selectOption({ label: '2019 · Gezamenlijke open dagen' })
    // Bad input first: a negative amount is refused with a translated message.
    await page.getByLabel('Bedrag (€)').fill('-5')
    await page.getByRole('button', { name: 'Concept aanmaken' }).click()
    await expect(page.getByText('Vul een bedrag in, bijvoorbeeld 1.234,56.')).toBeVisible()
    await page.getByLabel('Bedrag (€)').fill('1.234,56')
    await page.getByLabel('Waarvan cofinanciering (€)').fill('200')
    await page.getByRole('textbox', { name: 'Datum besteding' }).fill('14-05-2019') // the date field follows the UI language
    await page.getByLabel('Omschrijving').fill('Open dag Enschede: zaalhuur en catering')
    await page.getByRole('button', { name: 'Concept aanmaken' }).click()
    await expect(page).toHaveURL(/\/rapportages\//)
    const reportUrl = page.url()
    await expect(page.getByText('Concept', { exact: true })).toBeVisible()
    await expectAccessible(page)

    // Evidence: a text file posing as a PDF is refused; a real PDF is accepted.
    await page.getByLabel('Bestand').setInputFiles({ name: 'factuur.pdf', mimeType: 'application/pdf', buffer: Buffer.from('dit is geen pdf') })
    await page.getByRole('button', { name: 'Uploaden' }).click()
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Alleen PDF-bestanden en afbeeldingen')
    await page.getByLabel('Bestand').setInputFiles({ name: 'factuur-open-dag.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF })
    await page.getByRole('button', { name: 'Uploaden' }).click()
    await expect(page.getByTestId('fund-evidence').getByRole('link', { name: 'factuur-open-dag.pdf' })).toBeVisible()
    // A file added by mistake is removed after a question, with a message that stays when its row is gone.
    await page.getByLabel('Bestand').setInputFiles({ name: 'verkeerd.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF })
    await page.getByRole('button', { name: 'Uploaden' }).click()
    await expect(page.getByTestId('fund-evidence').getByRole('link', { name: 'verkeerd.pdf' })).toBeVisible()
    page.once('dialog', (d) => d.dismiss())
    await page.getByRole('button', { name: 'Verwijderen: verkeerd.pdf' }).click()
    await expect(page.getByTestId('fund-evidence').getByRole('link', { name: 'verkeerd.pdf' })).toBeVisible()
    page.once('dialog', (d) => {
      expect(d.message()).toBe('Bewijsstuk verkeerd.pdf verwijderen? Dit kan niet ongedaan worden gemaakt.')
      void d.accept()
    })
    await page.getByRole('button', { name: 'Verwijderen: verkeerd.pdf' }).click()
    await expect(page.getByText('Bewijsstuk verkeerd.pdf verwijderd.')).toBeVisible()
    await expect(page.getByTestId('fund-evidence').getByRole('link', { name: 'verkeerd.pdf' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Indienen' }).click()
    await expect(page.getByText('Ingediend', { exact: true })).toBeVisible()
    // The message stays although the submit step is gone after the refresh.
    await expect(page.getByTestId('fund-report-step-status')).toHaveText('Rapportage ingediend.')
    await expect(page.getByRole('button', { name: 'Indienen' })).toHaveCount(0)
    await expect(page.getByTestId('fund-report-details')).toContainText('14 mei 2019') // in the UI's language, not ISO

    // The coordinator rejects it with a reason.
    await switchUser(page, world.a.coordinator.email)
    await page.goto(reportUrl)
    const evidence = await page.request.get(await page.getByRole('link', { name: 'factuur-open-dag.pdf' }).getAttribute('href').then((h) => h!))
    expect(evidence.headers()['content-type']).toBe('application/pdf')
    expect((await evidence.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await expectAccessible(page)
    await page.getByLabel('Reden van afkeuring').fill('Factuur mist het btw-nummer')
    await page.getByRole('button', { name: 'Afkeuren' }).click()
    await expect(page.getByText('Afgekeurd: Factuur mist het btw-nummer')).toBeVisible()

    // The reporter fixes the amount and resubmits.
    await switchUser(page, world.a.boardReporter.email)
    await page.goto(reportUrl)
    await expect(page.getByText('Afgekeurd: Factuur mist het btw-nummer')).toBeVisible()
    await expectHydrated(page.getByLabel('Bedrag (€)'))
    await page.getByLabel('Bedrag (€)').fill('1.200,00')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(page.getByText('Rapportage opgeslagen.')).toBeVisible()
    await expect(page.getByText('Versie 4')).toBeVisible()
    await page.getByRole('button', { name: 'Indienen' }).click()
    await expect(page.getByText('Ingediend', { exact: true })).toBeVisible()

    // The coordinator approves; the dashboard and the export show the approved amount.
    await switchUser(page, world.a.coordinator.email)
    await page.goto(reportUrl)
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await page.getByRole('button', { name: 'Ja, goedkeuren' }).click()
    await expect(page.getByText('Deze rapportage is goedgekeurd en kan niet meer worden gewijzigd.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Opslaan' })).toHaveCount(0)

    await page.goto(`/fonds/${grant.id}`)
    await expect(page.getByRole('heading', { name: 'Dashboard regio' })).toBeVisible()
    await expect(page).toHaveTitle('Regiofonds · Overstap') // the section names a page that does not name itself
    const byYear = page.getByRole('table', { name: 'Per jaar' })
    const row2019 = byYear.getByRole('row').filter({ hasText: /^2019/ })
    await expect(row2019).toContainText('€ 1.200,00')
    await expect(page.getByTestId('fund-cofinancing')).toContainText('€ 200,00')
    await expectAccessible(page)

    // The coordinator adds a budget line for 2020 on the budget tab; it appears in the lines and the per-line table.
    await tabs(page).getByRole('link', { name: 'Begroting' }).click()
    const lineForm = page.getByRole('form', { name: 'Begrotingsregel toevoegen' })
    await lineForm.getByRole('button', { name: 'Begrotingsregel toevoegen' }).click()
    await expect(lineForm.getByText('Kies minstens één bestuur.')).toBeVisible()
    await lineForm.getByLabel('Activiteit').fill('LOB-netwerkweek 2020')
    await lineForm.getByLabel('Jaar').selectOption('2020')
    await lineForm.getByLabel('Bedrag').fill('7.500')
    await lineForm.getByRole('checkbox').first().check()
    await lineForm.getByRole('button', { name: 'Begrotingsregel toevoegen' }).click()
    await expect(lineForm.getByText('Begrotingsregel toegevoegd')).toBeVisible()
    await expect(page.getByTestId('fund-lines')).toContainText('LOB-netwerkweek 2020')
    await tabs(page).getByRole('link', { name: 'Overzicht' }).click()
    await expect(page.getByRole('table', { name: 'Per begrotingsregel' }).getByRole('row').filter({ hasText: 'LOB-netwerkweek 2020' })).toContainText('€ 7.500,00')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Excel (XLSX)' }).click()])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await (await import('node:fs/promises')).readFile((await download.path())!)) as never)
    const rows: unknown[][] = []
    wb.worksheets[0]!.eachRow((r) => rows.push(r.values as unknown[]))
    const total = rows.find((r) => r[1] === 'Totaal')!
    expect(total[7]).toBe(120_000)
    expect(rows.some((r) => r[2] === 'Gezamenlijke open dagen' && r[7] === 120_000)).toBe(true)

    await tabs(page).getByRole('link', { name: 'Verantwoording' }).click()
    await expect(page.getByTestId('fund-accountability-total')).toHaveText('€ 1.200,00')
    await expectAccessible(page)
  })

  test('approving a report asks first (amount and board, focus on "no"); "no" changes nothing, "yes" approves and its message takes focus', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-goedkeuren ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id] })
    const report = await buildReport(db, { budgetLineId: line.id, boardId: world.a.board.id, year: 2019, amountCents: 605_894, status: 'SUBMITTED' })
    const status = async () => (await db.fundReport.findUniqueOrThrow({ where: { id: report.id } })).status
    await signInAs(page, world.a.coordinator.email)
    // A browser dialog would be a second way of asking: none may open (an auditor's dismissing handler approved at once).
    page.on('dialog', (d) => void d.dismiss())
    await page.goto(`/fonds/${grant.id}/rapportages/${report.id}`)
    const approve = page.getByRole('button', { name: 'Goedkeuren', exact: true })
    await expectHydrated(approve)
    await approve.press('Enter')
    const question = page.getByRole('group', { name: 'Goedkeuren' })
    await expect(question).toContainText(/6\.058,94 goedkeuren voor /)
    await expect(question).toContainText(`${world.a.board.name}? Een goedgekeurde rapportage kan daarna niet meer worden gewijzigd.`)
    await expect(question.getByRole('button', { name: 'Nee, nog niet' })).toBeFocused()
    await expectAccessible(page)
    expect(await status()).toBe('SUBMITTED') // asking changes nothing
    await question.getByRole('button', { name: 'Nee, nog niet' }).press('Enter')
    await expect(question).toHaveCount(0)
    await expect(approve).toBeFocused()
    expect(await status()).toBe('SUBMITTED')
    await approve.press('Enter')
    await question.getByRole('button', { name: 'Ja, goedkeuren' }).press('Enter')
    const done = page.getByRole('status').filter({ hasText: 'Rapportage goedgekeurd.' })
    await expect(done).toBeFocused()
    await expect(page.getByText('Deze rapportage is goedgekeurd en kan niet meer worden gewijzigd.')).toBeVisible()
    expect(await status()).toBe('APPROVED')
  })

  test('a coordinator closes a year, then reopens it with a reason', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-heropenen ${Date.now()}` })
    await signInAs(page, world.a.coordinator.email)
    await page.goto(`/fonds/${grant.id}`)
    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'Jaar 2019 afsluiten' }).click()
    const toggle = page.getByRole('button', { name: 'Jaar 2019 heropenen' })
    await toggle.click()
    await page.getByRole('button', { name: 'Heropenen', exact: true }).click()
    const reason = page.getByRole('textbox', { name: 'Reden voor heropenen van 2019', exact: false })
    await expect(reason).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('Geef een reden van minstens 3 tekens.')).toBeVisible()
    expect(await db.fundClosedYear.count({ where: { grantId: grant.id, year: 2019 } })).toBe(1)
    await reason.fill('Nagekomen factuur')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Heropenen', exact: true }).click()
    await expect(page.getByRole('button', { name: 'Jaar 2019 afsluiten' })).toBeVisible()
    expect(await db.fundClosedYear.count({ where: { grantId: grant.id, year: 2019 } })).toBe(0)
  })

  test('a coordinator links a calendar event to a budget line; the event page shows the funding line', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-agendafonds ${Date.now()}` })
    await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'LOB-netwerkweken', category: 'PERSONNEL' })
    const event = await buildCalendarEvent(db, { regionIds: [world.a.region.id], organiserId: world.a.mbo.id, title: `LOB-netwerkweek voorjaar ${Date.now()}`, startsAt: fromAmsterdam('2019-04-08', '09:00'), type: 'NETWERKWEEK' })
    await signInAs(page, world.a.coordinator.email)
    await page.goto(`/fonds/${grant.id}/begroting`)
    const row = page.getByTestId('fund-lines').locator(':scope > li').filter({ hasText: 'LOB-netwerkweken' })
    await expect(row).toContainText('Geen gekoppelde evenementen.')
    await row.getByRole('button', { name: 'Gekoppelde evenementen wijzigen: LOB-netwerkweken (2019)' }).click()
    const editor = page.getByRole('form', { name: 'Evenementen voor LOB-netwerkweken (2019)' })
    await editor.getByRole('checkbox', { name: event.title }).check()
    await expectAccessible(page)
    await editor.getByRole('button', { name: 'Koppelingen opslaan' }).click()
    await expect(page.getByText('Gekoppelde evenementen opgeslagen.')).toBeVisible()
    const link = row.getByRole('link', { name: event.title })
    await expect(link).toHaveAttribute('href', `/agenda/${event.id}`)
    await expect(row).toContainText(/8 apr\.? 2019/)
    await expectAccessible(page)

    await link.click()
    await expect(page.getByRole('heading', { level: 1, name: event.title })).toBeVisible()
    const funding = page.getByTestId('event-funding').getByRole('link', { name: `Gefinancierd uit budgetregel: LOB-netwerkweken (2019, ${grant.fundName})` })
    await expect(funding).toHaveAttribute('href', `/fonds/${grant.id}`)
    await expectAccessible(page)
  })

  test('another region’s coordinator gets a 403 page and a 403 export with a translated message', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-fonds B ${Date.now()}` })
    await signInAs(page, world.b.coordinator.email)
    const res = await page.goto(`/fonds/${grant.id}`)
    expect(res?.status()).toBe(403)
    const exp = await page.request.get(`/api/fund/grants/${grant.id}/export?format=csv`)
    expect(exp.status()).toBe(403)
    expect((await exp.json()).error).toBe('Je hebt geen toegang tot dit onderdeel.')
  })

  test('a coordinator creates a grant with its penvoerder and yearly allocations; bad amounts are refused', async ({ page, world, db }) => {
    const name = `Regionaal LOB-fonds ${Date.now()}`
    await signInAs(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Regiofonds' }).click()
    const form = page.getByRole('form', { name: 'Nieuwe subsidie' })
    await form.getByRole('textbox', { name: 'Fonds' }).fill(name)
    await form.getByRole('combobox', { name: 'Penvoerder' }).selectOption({ label: world.a.mbo.name })
    await form.getByRole('textbox', { name: 'Toekenning 2018' }).fill('veel')
    await form.getByRole('button', { name: 'Nieuwe subsidie' }).click()
    await expect(form.getByRole('textbox', { name: 'Toekenning 2018' })).toHaveAttribute('aria-invalid', 'true')
    // The period is data: a fifth year gets its own allocation field.
    await expect(form.getByRole('textbox', { name: 'Toekenning 2022' })).toHaveCount(0)
    await form.getByRole('textbox', { name: 'Laatste jaar' }).fill('2022')
    const allocations: [string, string][] = [['2018', '120.000,00'], ['2019', '130.000'], ['2020', '140.000,50'], ['2021', '150.000'], ['2022', '10.000']]
    for (const [year, amount] of allocations)
      await form.getByRole('textbox', { name: `Toekenning ${year}` }).fill(amount)
    await form.getByRole('button', { name: 'Nieuwe subsidie' }).click()
    await expect(form.getByText('Subsidie aangemaakt')).toBeVisible()
    await expect(page.getByRole('link', { name })).toBeVisible()
    await expectAccessible(page)
    const grant = await db.fundGrant.findFirstOrThrow({ where: { fundName: name }, include: { allocations: { orderBy: { year: 'asc' } } } })
    expect([grant.startYear, grant.endYear]).toEqual([2018, 2022])
    expect(grant.allocations.map((a) => [a.year, a.amountCents])).toEqual([[2018, 12_000_000], [2019, 13_000_000], [2020, 14_000_050], [2021, 15_000_000], [2022, 1_000_000]])
  })

  test('in English the amounts are typed in English notation: 1,234.56 is taken, 2.500 is refused rather than read as 2,500 euros', async ({ page, world, db }) => {
    const name = `Regional LOB fund ${Date.now()}`
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: test.info().project.use.baseURL! }])
    await signInAs(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Regional fund' }).click()
    const form = page.getByRole('form', { name: 'New grant' })
    await expectHydrated(form)
    await form.getByRole('textbox', { name: 'Fund' }).fill(name)
    await form.getByRole('combobox', { name: 'Lead institution' }).selectOption({ label: world.a.mbo.name })
    const amounts: [string, string][] = [['2018', '120,000.00'], ['2019', '2.500'], ['2020', '140000.50'], ['2021', '1,500']]
    for (const [year, amount] of amounts) await form.getByRole('textbox', { name: `Allocation ${year}` }).fill(amount)
    await form.getByRole('button', { name: 'New grant' }).click()
    // "2.500" is two and a half thousand in Dutch and (with three decimals) nothing in English: refused, nothing saved.
    await expect(form.getByRole('textbox', { name: 'Allocation 2019' })).toHaveAttribute('aria-invalid', 'true')
    await expect(form.getByText('Enter an amount, for example 1,234.56.')).toBeVisible()
    for (const year of ['2018', '2020', '2021']) await expect(form.getByRole('textbox', { name: `Allocation ${year}` })).not.toHaveAttribute('aria-invalid', 'true')
    expect(await db.fundGrant.count({ where: { fundName: name } })).toBe(0)
    await form.getByRole('textbox', { name: 'Allocation 2019' }).fill('2.50')
    await form.getByRole('button', { name: 'New grant' }).click()
    await expect(form.getByText('Grant created')).toBeVisible()
    const grant = await db.fundGrant.findFirstOrThrow({ where: { fundName: name }, include: { allocations: { orderBy: { year: 'asc' } } } })
    expect(grant.allocations.map((a) => [a.year, a.amountCents])).toEqual([[2018, 12_000_000], [2019, 250], [2020, 14_000_050], [2021, 150_000]])
  })

  test('the grant’s tabs fit a phone; the lists come a page at a time with their totals', async ({ page, world, db }) => {
    test.setTimeout(180_000)
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-telefoon met een lange naam voor een smal scherm ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Gezamenlijke open dagen en voorlichtingsavonden in de hele regio', amountCents: 5_000_000 })
    for (let day = 1; day <= 27; day++) await buildReport(db, { budgetLineId: line.id, boardId: world.a.board.id, year: 2019, amountCents: 10_000, day, description: `Factuur ${day} zaalhuur` })
    await signInAs(page, world.a.coordinator.email)
    await page.setViewportSize({ width: 360, height: 800 })
    for (const path of ['', '/begroting', '/rapportages', '/betalingen', '/resultaten', '/verantwoording', '/afrekening']) {
      await page.goto(`/fonds/${grant.id}${path}`)
      await expect(tabs(page).locator('[aria-current="page"]')).toHaveCount(1)
      await fitsPhone(page)
    }
    // 27 reports: 25 on the first page with the count and sum of all, the other 2 on the next.
    await page.goto(`/fonds/${grant.id}/rapportages`)
    const pager = page.getByTestId('fund-reports-pager')
    await expect(pager).toContainText('1–25 van 27 · samen € 2.700,00')
    await expect(page.getByRole('table', { name: 'Rapportages' }).getByRole('row')).toHaveCount(26)
    await pager.getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(page.getByTestId('fund-reports-pager')).toContainText('26–27 van 27')
    await expect(page.getByRole('table', { name: 'Rapportages' }).getByRole('row')).toHaveCount(3)
    await expect(page.getByRole('table', { name: 'Rapportages' })).toContainText('Factuur 1 zaalhuur')
    await page.getByTestId('fund-reports-pager').getByRole('link', { name: 'Eerste pagina' }).click()
    await expect(page.getByTestId('fund-reports-pager')).toContainText('1–25 van 27')
    await page.getByRole('table', { name: 'Rapportages' }).getByRole('link', { name: /Bekijken/ }).first().click()
    await expect(tabs(page).getByRole('link', { name: 'Rapportages' })).toHaveAttribute('aria-current', 'true')
    await fitsPhone(page)
  })

  test('the penvoerder’s staff record a payment and see the grant’s payments, and nothing else of the fund', async ({ page, world, db }) => {
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `E2E-penvoerder ${Date.now()}` })
    await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Voorlichting', amountCents: 800_000 })
    const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: world.a.mbo.id }] })
    const reference = `PV-${Date.now()}`
    await signInAs(page, staff.email)
    await page.goto('/fonds')
    await page.getByRole('link', { name: grant.fundName }).click()
    await expect(page).toHaveURL(`/fonds/${grant.id}/betalingen`)
    await expect(tabs(page).getByRole('link')).toHaveText(['Betalingen'])
    const pay = page.getByTestId('fund-payment-form')
    await pay.getByRole('button', { name: 'Betaling vastleggen' }).click()
    await expect(pay.getByText('Kies minstens één bestuur.')).toBeVisible()
    await pay.getByLabel('Betaald aan').selectOption(world.a.board.id)
    await pay.getByLabel('Hoort bij').selectOption({ label: '2019 · Voorlichting' }) // an advance for the line's year
    await pay.getByLabel('Betaald (€)').fill('1.500')
    await pay.getByLabel('Kenmerk').fill(reference)
    await pay.getByRole('button', { name: 'Betaling vastleggen' }).click()
    await expect(pay.getByText('Betaling vastgelegd.')).toBeVisible()
    await expect(page.getByRole('table', { name: 'Betalingen van de penvoerder aan besturen' }).getByRole('row').filter({ hasText: reference })).toContainText('€ 1.500,00')
    await expect(page.getByTestId('fund-payments-pager')).toContainText('1–1 van 1 · samen € 1.500,00')
    await page.setViewportSize({ width: 360, height: 800 })
    await fitsPhone(page)
    // No other part of the fund: the overview and the budget are 403 pages.
    expect((await page.goto(`/fonds/${grant.id}`))?.status()).toBe(403)
    expect((await page.goto(`/fonds/${grant.id}/begroting`))?.status()).toBe(403)
    // The board sees the payment on its payments tab.
    await switchUser(page, world.a.boardReporter.email)
    await page.goto(`/fonds/${grant.id}/betalingen`)
    await expect(page.getByRole('table', { name: 'Betalingen van de penvoerder aan besturen' }).getByRole('row').filter({ hasText: reference })).toContainText('€ 1.500,00')
    await expect(page.getByTestId('fund-payment-form')).toHaveCount(0)
  })
})
