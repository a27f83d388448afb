import { test, expect, signInByEmail, expectAccessible, waitForMail, firstLink } from './support/fixtures.ts'
import { uniq } from '../server/db/factories.ts'
import { toAmsterdam } from '../server/lib/time.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const localDate = (days: number) => toAmsterdam(new Date(Date.now() + days * DAY)).date

test.describe('leerlingen en campagnes', () => {
  test('coordinator sets up a campaign (max 2); decaan imports a class list with a bad row, fixes it, mails the links; the pupil books within the limit and is refused past it; overview and reach show it', async ({ page, browser, world, db }) => {
    test.setTimeout(480_000)
    const tag = uniq()
    // Three meeloopdagen of region A's mbo, open for booking now (straight in the database: the slots UI has its own spec).
    const programmes = await Promise.all(
      [0, 1, 2].map((i) => db.slotProgramme.create({ data: { organisationId: world.a.mbo.id, name: `Opleiding ${i} ${tag}`, sector: 'MBO', level: 'MBO_4', code: String(25500 + i) } })),
    )
    await db.slotSettings.upsert({ where: { organisationId: world.a.mbo.id }, create: { organisationId: world.a.mbo.id, maxActiveBookings: 10, limitScope: 'INSTITUTION' }, update: { maxActiveBookings: 10, limitScope: 'INSTITUTION' } })
    const slots = await Promise.all(
      programmes.map((p, i) =>
        db.slot.create({
          data: {
            programmeId: p.id,
            organisationId: world.a.mbo.id,
            startsAt: new Date(Date.now() + (20 + i) * DAY),
            endsAt: new Date(Date.now() + (20 + i) * DAY + 4 * HOUR),
            location: 'Campus',
            capacity: 10,
            bookingOpensAt: new Date(Date.now() - HOUR),
            bookingClosesAt: new Date(Date.now() + 19 * DAY),
            audienceLevels: ['HAVO', 'VWO'],
          },
        }),
      ),
    )
    page.on('dialog', (d) => void d.accept())

    // Coordinator: the campaign over the three slots, at most 2 per pupil, for school A.
    await signInByEmail(page, world.a.coordinator.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Leerlingen' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Campagnes' })).toBeVisible()
    await expectAccessible(page)
    const cf = page.getByRole('form', { name: 'Nieuwe campagne' }).first()
    const campaignName = `Meeloopdagen mbo ${tag}`
    await cf.getByLabel('Naam').fill(campaignName)
    await cf.getByLabel('Vanaf').fill(localDate(-1))
    await cf.getByLabel('Tot en met').fill(localDate(15))
    await cf.getByLabel('Aanmeldingen per leerling').fill('2')
    await cf.getByLabel(world.a.school.name).check()
    for (const p of programmes) await cf.getByLabel(new RegExp(`${p.name} — `)).check()
    await cf.getByRole('button', { name: 'Campagne aanmaken' }).click()
    await expect(cf.getByText('Campagne aangemaakt.')).toBeVisible()
    const campaign = await db.participationCampaign.findFirstOrThrow({ where: { name: campaignName }, include: { slots: true } })
    expect(campaign.maxPerPupil).toBe(2)
    expect(campaign.slots.map((s) => s.slotId).sort()).toEqual(slots.map((s) => s.id).sort())
    await page.context().clearCookies()

    // Decaan: a class list with a bad row is refused as a whole, with the row's line and column.
    await signInByEmail(page, world.a.staff.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Leerlingen' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Leerlingen en deelname' })).toBeVisible()
    await expectAccessible(page)
    const anna = `anna-${tag}@a${tag}.example.test`
    const bram = `bram-${tag}@b${tag}.example.test`
    const bad = `Naam;E-mail;Niveau;Leerjaar;Klas\nAnna Jansen;${anna};havo;4;4H${tag}\nBram Bakker;geen-adres;havo;4;4H${tag}\n`
    const importForm = page.getByRole('form', { name: 'Klassenlijst importeren' })
    await importForm.getByLabel('Bestand').setInputFiles({ name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await importForm.getByRole('button', { name: 'Bestand lezen' }).click()
    const mapping = page.getByRole('form', { name: 'Koppel de kolommen' })
    await expect(mapping.getByLabel('E-mail')).toHaveValue('E-mail')
    await mapping.getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Niets ingelezen: 1 fout.' })).toBeVisible()
    await expect(page.getByRole('cell', { name: 'geen geldig e-mailadres ("geen-adres")' })).toBeVisible()
    await expectAccessible(page)
    expect(await db.participationPupil.count({ where: { schoolId: world.a.school.id, className: `4H${tag}` } })).toBe(0)
    // Fixed: both go in.
    await importForm.getByLabel('Bestand').setInputFiles({ name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('geen-adres', bram)) })
    await importForm.getByRole('button', { name: 'Bestand lezen' }).click()
    await page.getByRole('form', { name: 'Koppel de kolommen' }).getByRole('button', { name: 'Importeren' }).click()
    await expect(page.getByText('2 leerlingen toegevoegd, 0 bijgewerkt.')).toBeVisible()
    expect(await db.participationPupil.count({ where: { schoolId: world.a.school.id, className: `4H${tag}` } })).toBe(2)

    // The class, then mail the personal links.
    await page.goto(`/leerlingen?klas=4H${tag}&campagne=${campaign.id}`)
    await expect(page.getByRole('cell', { name: 'Anna Jansen', exact: true })).toBeVisible()
    await expect(page.getByTestId('not-booked')).toHaveText('2 leerlingen hebben zich nog niet aangemeld.')
    await page.getByRole('button', { name: 'Persoonlijke links mailen' }).click()
    await expect(page.getByText('2 links verstuurd.')).toBeVisible()
    const linkMail = await waitForMail(anna, (m) => m.subject === 'Jouw persoonlijke link voor oriëntatieactiviteiten')
    expect(linkMail.text).toContain('Beste Anna Jansen,')

    // The pupil, on a phone: books two (the limit), the third is refused with a clear message.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } })
    const pupil = await phone.newPage()
    await pupil.goto(firstLink(linkMail.text, '/leerling/'))
    await expect(pupil.getByRole('heading', { level: 1, name: 'Hoi Anna Jansen' })).toBeVisible()
    await expectAccessible(pupil)
    for (const p of programmes.slice(0, 2)) {
      await pupil.getByRole('button', { name: `Aanmelden: ${p.name}` }).click()
      await expect(pupil.getByText('Gelukt. Bevestig je aanmelding met de link in de e-mail die we je sturen.')).toBeVisible()
    }
    await expect(pupil.getByTestId('campaign-count')).toHaveText('Je hebt er 2 van de 2.')
    await pupil.getByRole('button', { name: `Aanmelden: ${programmes[2]!.name}` }).click()
    await expect(pupil.getByRole('alert').filter({ hasText: 'Je hebt al het maximum van 2 aanmeldingen in deze campagne.' })).toBeVisible()
    expect(await db.slotBooking.count({ where: { pupilEmail: anna, status: { in: ['PENDING', 'CONFIRMED'] } } })).toBe(2)
    await expectAccessible(pupil)
    // She confirms one booking through the mailed link (the reach report counts confirmed activities).
    const confirmMail = await waitForMail(anna, (m) => m.subject.startsWith('Bevestig je aanmelding'))
    await pupil.goto(firstLink(confirmMail.text, '/boeking/'))
    await pupil.getByRole('button', { name: 'Bevestig je aanmelding' }).click()
    await expect(pupil.getByText('Je aanmelding is bevestigd.')).toBeVisible()
    await phone.close()

    // The decaan's overview: Anna booked 2, Bram none; one reminder in one click. Reach: 1 of 2 with ≥ 1 activity.
    await page.goto(`/leerlingen?klas=4H${tag}&campagne=${campaign.id}`)
    const annaRow = page.getByRole('row').filter({ hasText: 'Anna Jansen' })
    await expect(annaRow.getByRole('cell').nth(4)).toHaveText('2')
    await expect(page.getByTestId('not-booked')).toHaveText('1 leerling heeft zich nog niet aangemeld.')
    await page.getByRole('button', { name: 'Herinnering mailen' }).click()
    await expect(page.getByText('1 herinnering verstuurd.')).toBeVisible()
    await waitForMail(bram, (m) => m.subject === `Herinnering: meld je aan voor ${campaignName}`)
    const reachRow = page.getByRole('row').filter({ hasText: 'Alle activiteiten' }).filter({ hasText: 'havo' })
    await expect(reachRow).toContainText('50%')
    await expectAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await expectAccessible(page)
  })
})
