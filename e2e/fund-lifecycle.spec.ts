import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible } from './support/fixtures.ts'
import { buildUser } from '../server/db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport } from '../server/fund/factories.ts'
import { formatCents } from '../server/fund/money.ts'

/** signInAs replaces the session cookie: the next page is the other user's. */
const switchUser = signInAs
const tabs = (page: Page) => page.getByRole('navigation', { name: 'Onderdelen van de subsidie' })

/** Accepts the next confirmation dialog and returns its text (non-breaking spaces as spaces, as `euro`). */
const acceptDialog = (page: Page) => new Promise<string>((resolve) => page.once('dialog', (d) => void d.accept().then(() => resolve(d.message().replace(/\u00a0/g, ' ')))))

async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await expectAccessible(page)
}

/** The text of an uncompressed pdfkit PDF: the hex strings of its TJ operators, decoded as WinAnsi. */
function pdfText(pdf: string): string {
  const out: string[] = []
  for (const m of pdf.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('')
    out.push(Buffer.from(hex, 'hex').toString('latin1').replace(/\x80/g, '€').replace(/\xa0/g, ' '))
  }
  return out.join('\n')
}
const euro = (cents: number) => formatCents(cents, 'nl').replace(/\u00a0/g, ' ')

test.describe('regional fund lifecycle', () => {
  test('a moved € 5.000 approved by a second coordinator → a payment the board sees → a results report with two events → the settlement PDF with the dashboard’s totals', async ({ page, world, db }) => {
    test.setTimeout(240_000) // many page loads on a shared machine
    const tag = Date.now()
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `Levenscyclus ${tag}` })
    const from = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Open dagen regio', amountCents: 1_000_000 })
    const to = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Netwerkweken regio', amountCents: 500_000 })
    const report = await buildReport(db, { budgetLineId: from.id, boardId: world.a.board.id, year: 2019, amountCents: 300_000, coFinancedCents: 100_000, status: 'APPROVED', description: `Zaalhuur open dag ${tag}` })
    const e1 = await buildCalendarEvent(db, { title: `Open dag noord ${tag}`, startsAt: new Date(Date.UTC(2019, 2, 16, 9)), regionIds: [world.a.region.id], organiserId: world.a.mbo.id })
    const e2 = await buildCalendarEvent(db, { title: `Open dag zuid ${tag}`, startsAt: new Date(Date.UTC(2019, 9, 12, 9)), regionIds: [world.a.region.id], organiserId: world.a.mbo.id })
    const second = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: world.a.region.id }] })
    const grantUrl = `/fonds/${grant.id}`

    // 1. A coordinator proposes moving € 5.000 with a reason; they cannot approve it themselves.
    await signInAs(page, world.a.coordinator.email)
    await page.goto(grantUrl)
    await expect(page.getByTestId('fund-budget-version')).toHaveText('Begroting versie 1')
    await tabs(page).getByRole('link', { name: 'Begroting' }).click()
    const move = page.getByTestId('fund-change-move')
    await move.getByLabel('Van regel').selectOption(from.id)
    await move.getByLabel('Naar regel').selectOption(to.id)
    await move.getByLabel('Te verschuiven (€)').fill('5.000')
    await move.getByLabel('Reden van de wijziging').fill('Netwerkweken trekken meer scholen dan gepland')
    const asked = acceptDialog(page)
    await move.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    expect(await asked).toContain(`${euro(500_000)} van “Open dagen regio” naar “Netwerkweken regio”`)
    await expect(page.getByText('Wijziging voorgesteld:')).toBeVisible()
    const pending = page.getByTestId('fund-pending-changes')
    await expect(pending).toContainText('Netwerkweken trekken meer scholen dan gepland')
    await expect(pending.getByRole('button', { name: 'Goedkeuren' })).toHaveCount(0)
    await expect(pending).toContainText('een andere coördinator of een beheerder moet het goedkeuren')
    // The proposal shows what it would change: each line before → after and the difference.
    await expect(pending.getByRole('row').filter({ hasText: 'Open dagen regio' })).toContainText(`− ${euro(500_000)}`)
    await expect(pending.getByRole('row').filter({ hasText: 'Netwerkweken regio' })).toContainText(`+ ${euro(500_000)}`)
    await expectAccessible(page)

    // 2. A second coordinator approves: the dashboard shows version 2 with the new amounts.
    await switchUser(page, second.email)
    await page.goto(`${grantUrl}/begroting`)
    const pendingChanges = page.getByTestId('fund-pending-changes')
    await pendingChanges.getByRole('button', { name: 'Goedkeuren' }).click()
    // Approving asks first, in the page: the change becomes the budget at once and cannot be undone.
    await expect(pendingChanges.getByText('Deze wijziging goedkeuren? Ze wordt meteen de nieuwe begrotingsversie en kan niet ongedaan worden gemaakt.')).toBeVisible()
    await expect(pendingChanges.getByRole('button', { name: 'Nee, nog niet' })).toBeFocused()
    await pendingChanges.getByRole('button', { name: 'Ja, goedkeuren' }).click()
    await expect(page.getByText('Wijziging goedgekeurd: nieuwe begrotingsversie.')).toBeVisible()
    await expect(page.getByTestId('fund-budget-current')).toHaveText('Begroting versie 2')
    await tabs(page).getByRole('link', { name: 'Overzicht' }).click()
    await expect(page.getByTestId('fund-budget-version')).toHaveText('Begroting versie 2')
    const byLine = page.getByRole('table', { name: 'Per begrotingsregel' })
    await expect(byLine.getByRole('row').filter({ hasText: 'Open dagen regio' })).toContainText(euro(500_000))
    await expect(byLine.getByRole('row').filter({ hasText: 'Netwerkweken regio' })).toContainText(euro(1_000_000))
    await tabs(page).getByRole('link', { name: 'Begroting' }).click()
    const change = page.getByTestId('fund-budget-change')
    await expect(change).toContainText('Goedgekeurd')
    const diffRow = change.getByRole('row').filter({ hasText: 'Open dagen regio' })
    await expect(diffRow).toContainText(euro(1_000_000))
    await expect(diffRow).toContainText(euro(500_000))
    await expectAccessible(page)

    // 3. The penvoerder (through the coordinator) records a payment after approval; the board sees it.
    await tabs(page).getByRole('link', { name: 'Betalingen' }).click()
    const pay = page.getByTestId('fund-payment-form')
    await pay.getByLabel('Betaald aan').selectOption(world.a.board.id)
    await pay.getByLabel('Soort').selectOption('AFTER_APPROVAL')
    await pay.getByLabel('Hoort bij').selectOption(report.id)
    await pay.getByLabel('Betaald (€)').fill('2.000')
    await pay.getByLabel('Kenmerk').fill(`BET-${tag}`)
    await pay.getByRole('button', { name: 'Betaling vastleggen' }).click()
    await expect(page.getByText('Betaling vastgelegd.')).toBeVisible()

    await switchUser(page, world.a.boardReporter.email)
    await page.goto(`${grantUrl}/betalingen`)
    const payments = page.getByRole('table', { name: 'Betalingen van de penvoerder aan besturen' })
    await expect(payments.getByRole('row').filter({ hasText: `BET-${tag}` })).toContainText(euro(200_000))
    await expectAccessible(page)
    await tabs(page).getByRole('link', { name: 'Overzicht' }).click()
    await expect(page.getByRole('table', { name: 'Per bestuur' }).getByRole('row').filter({ hasText: world.a.board.name })).toContainText(euro(100_000)) // outstanding
    await tabs(page).getByRole('link', { name: 'Resultaten' }).click()

    // 4. The board writes a results report linked to two events and submits it.
    const results = page.getByTestId('fund-result-form')
    await results.getByLabel('Regel voor resultaten').selectOption(from.id)
    await results.getByLabel('Bereikte leerlingen').fill('140')
    await results.getByLabel('Wat is er gedaan en bereikt?').fill('Twee open dagen met alle scholen van de regio.')
    await results.getByRole('checkbox', { name: e1.title }).check()
    await results.getByRole('checkbox', { name: e2.title }).check()
    await results.getByRole('button', { name: 'Concept opslaan' }).click()
    await expect(page.getByText('Resultaatrapportage opgeslagen.')).toBeVisible()
    await page.getByRole('table', { name: 'Resultaatrapportages' }).getByRole('link', { name: /Bekijken/ }).click()
    await expect(page.getByTestId('fund-result-events')).toContainText(e1.title)
    await expect(page.getByTestId('fund-result-events')).toContainText(e2.title)
    await page.getByRole('button', { name: 'Indienen' }).click()
    await expect(page.getByText('Resultaatrapportage ingediend.')).toBeVisible()
    await expect(page.getByTestId('fund-result-status')).toContainText('Ingediend')
    await expectAccessible(page)

    // 5. The coordinator runs the settlement and downloads the PDF: its totals equal the dashboard's.
    await switchUser(page, world.a.coordinator.email)
    await page.goto(grantUrl)
    const totalRow = page.getByRole('table', { name: 'Per jaar' }).getByRole('row').filter({ hasText: 'Totaal' })
    await expect(totalRow).toContainText(euro(300_000)) // approved
    await expect(totalRow).toContainText(euro(200_000)) // paid
    await tabs(page).getByRole('link', { name: 'Afrekening' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Eindafrekening' })).toBeVisible()
    await expect(page.getByTestId('fund-settlement-approved')).toHaveText(euro(300_000))
    await expect(page.getByTestId('fund-settlement-paid')).toHaveText(euro(200_000))
    await expect(page.getByTestId('fund-settlement-allocation')).toHaveText(euro(80_000_000))
    await expectAccessible(page)
    const download = page.waitForEvent('download')
    await page.getByTestId('fund-settlement-pdf').click()
    const file = await (await download).path()
    const text = pdfText((await readFile(file)).toString('latin1'))
    expect(text).toContain(`Toekenning: ${euro(80_000_000)}`)
    expect(text).toContain(`Goedgekeurde besteding: ${euro(300_000)}`)
    expect(text).toContain(`Betaald: ${euro(200_000)}`)
    expect(text).toContain(`Cofinanciering gerealiseerd: ${euro(100_000)}`)

    // Every page of the grant at phone width: axe-clean and no sideways scrolling.
    await page.setViewportSize({ width: 360, height: 800 })
    for (const path of ['', '/begroting', '/betalingen', '/resultaten', '/afrekening']) {
      await page.goto(`${grantUrl}${path}`)
      await fitsPhone(page)
    }
  })

  test('the other kinds of budget change: validation, confirmation and feedback; the decider sees each diff; an outdated proposal is refused', async ({ page, world, db }) => {
    test.setTimeout(180_000)
    const grant = await buildFundGrant(db, { regionId: world.a.region.id, penvoerderId: world.a.mbo.id, fundName: `Wijzigingen ${Date.now()}` })
    const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019, boardIds: [world.a.board.id], activity: 'Ouderavonden', amountCents: 300_000 })
    const second = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: world.a.region.id }] })
    const budget = `/fonds/${grant.id}/begroting`
    await signInAs(page, world.a.coordinator.email)
    await page.goto(budget)
    const forms = page.getByTestId('fund-change-forms')

    // Add a line: the form's own checks first, then a confirmation with the summary, then the feedback.
    await forms.getByRole('radio', { name: 'Regel toevoegen' }).check()
    const add = page.getByTestId('fund-change-add')
    await add.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    await expect(add.getByText('Kies minstens één bestuur.')).toBeVisible()
    await expect(add.getByText('Geef een reden van minstens 3 tekens.')).toBeVisible()
    await add.getByLabel('Activiteit').fill('Loopbaanfestival')
    await add.getByLabel('Jaar').selectOption('2020')
    await add.getByLabel('Bedrag').fill('2.500')
    await add.getByRole('checkbox', { name: world.a.board.name }).check()
    await add.getByLabel('Reden van de wijziging').fill('Nieuw initiatief van de scholen')
    let asked = acceptDialog(page)
    await add.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    expect(await asked).toContain(`Nieuwe regel “Loopbaanfestival” in 2020: ${euro(250_000)}`)
    await expect(add.getByText('Wijziging voorgesteld: Nieuwe regel “Loopbaanfestival”')).toBeVisible()

    // Move allocation between years: the same year twice is refused before anything is sent.
    await forms.getByRole('radio', { name: 'Toekenning tussen jaren verschuiven' }).check()
    const alloc = page.getByTestId('fund-change-allocation')
    await alloc.getByLabel('Van jaar').selectOption('2019')
    await alloc.getByLabel('Naar jaar').selectOption('2019')
    await alloc.getByLabel('Te verschuiven toekenning (€)').fill('10.000')
    await alloc.getByLabel('Reden van de wijziging').fill('Activiteiten schuiven een jaar op')
    await alloc.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    await expect(alloc.getByText('Kies twee verschillende jaren.')).toBeVisible()
    await alloc.getByLabel('Naar jaar').selectOption('2021')
    asked = acceptDialog(page)
    await alloc.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    expect(await asked).toContain(`${euro(1_000_000)} toekenning van 2019 naar 2021`)
    await expect(alloc.getByText('Wijziging voorgesteld:')).toBeVisible()

    // Close a line: asks first; cancelling sends nothing.
    await forms.getByRole('radio', { name: 'Regel sluiten' }).check()
    const close = page.getByTestId('fund-change-close')
    await close.getByLabel('Begrotingsregel').selectOption(line.id)
    await close.getByLabel('Reden van de wijziging').fill('Ouderavonden gaan op in de open dagen')
    page.once('dialog', (d) => void d.dismiss())
    await close.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    await expect(close.getByText('Wijziging voorgesteld:')).toHaveCount(0)
    expect(await db.fundBudgetChange.count({ where: { grantId: grant.id } })).toBe(2)
    asked = acceptDialog(page)
    await close.getByRole('button', { name: 'Wijziging voorstellen' }).click()
    expect(await asked).toContain('Regel “Ouderavonden” (2019) sluiten.')
    await expect(close.getByText('Wijziging voorgesteld:')).toBeVisible()

    // The second coordinator sees each proposal's diff in words and numbers.
    await switchUser(page, second.email)
    await page.goto(budget)
    const proposals = page.getByTestId('fund-pending-change')
    await expect(proposals).toHaveCount(3)
    const added = proposals.filter({ hasText: 'Nieuw initiatief van de scholen' })
    await expect(added.getByRole('row').filter({ hasText: 'Loopbaanfestival' })).toContainText(`nieuwe regel van ${euro(250_000)}`)
    const moved = proposals.filter({ hasText: 'Activiteiten schuiven een jaar op' })
    await expect(moved.getByRole('row').filter({ hasText: 'Toekenning 2019' })).toContainText(`− ${euro(1_000_000)}`)
    await expect(moved.getByRole('row').filter({ hasText: 'Toekenning 2021' })).toContainText(`+ ${euro(1_000_000)}`)
    const closing = proposals.filter({ hasText: 'Ouderavonden gaan op in de open dagen' })
    await expect(closing.getByRole('row').filter({ hasText: 'Ouderavonden' })).toContainText('regel wordt gesloten')
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 800 })
    await fitsPhone(page)
    await page.setViewportSize({ width: 1280, height: 800 })

    // Approving one makes the budget version 2; the others were proposed on version 1 and are refused (409).
    await added.getByRole('button', { name: 'Goedkeuren' }).click()
    await added.getByRole('button', { name: 'Ja, goedkeuren' }).click()
    await expect(page.getByText('Wijziging goedgekeurd: nieuwe begrotingsversie.')).toBeVisible()
    await expect(page.getByTestId('fund-budget-current')).toHaveText('Begroting versie 2')
    await expect(page.getByTestId('fund-lines')).toContainText('Loopbaanfestival')
    const outdated = proposals.filter({ hasText: 'Activiteiten schuiven een jaar op' })
    await expect(outdated).toContainText('Dit voorstel kan niet meer worden toegepast: De begroting is intussen gewijzigd.')
    await outdated.getByRole('button', { name: 'Goedkeuren' }).click()
    await outdated.getByRole('button', { name: 'Ja, goedkeuren' }).click()
    // The refusal is said under the button too (the preview's alert and the server's answer).
    await expect(outdated.getByRole('alert').filter({ hasText: 'Laad de pagina opnieuw' })).toHaveCount(2)
    expect(await db.fundBudgetChange.count({ where: { grantId: grant.id, status: 'APPROVED' } })).toBe(1)
    const history = page.getByTestId('fund-budget-change')
    await expect(history.getByRole('row').filter({ hasText: 'Loopbaanfestival' })).toContainText(`nieuwe regel van ${euro(250_000)}`)
  })
})
