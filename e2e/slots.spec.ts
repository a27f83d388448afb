import { test, expect, signInAs, expectAccessible, waitForMail, firstLink } from './support/fixtures.ts'
import { buildOrganisation, buildRegion, buildUser, uniq } from '../server/db/factories.ts'
import { fromAmsterdam } from '../server/lib/time.ts'

/** yyyy-mm-dd, `days` from today. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

test.describe('proefstuderen', () => {
  test('publisher creates a slot with capacity 1; two pupils book; the first confirms through the mailed link, then cancels; the second accepts the offer', async ({ page, browser, world, db }) => {
    test.setTimeout(480_000) // a long story on a shared CI machine: many pages, mails and axe scans (with the confirmation step)
    const programme = `Verpleegkunde ${uniq()}`
    // Publisher: a programme and a series of one date with capacity 1
    await signInAs(page, world.a.publisher.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Proefstuderen' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Proefstuderen' })).toBeVisible()
    await expectAccessible(page)
    const pf = page.getByRole('form', { name: 'Nieuwe opleiding' })
    await pf.getByLabel('Naam').fill(programme)
    await pf.getByLabel('Crebo- of CROHO-code').fill('123')
    await pf.getByRole('button', { name: 'Opleiding toevoegen' }).click()
    await expect(pf.getByText('Een crebo- of CROHO-code bestaat uit 5 cijfers.')).toBeVisible()
    await pf.getByLabel('Crebo- of CROHO-code').fill('25491')
    await pf.getByRole('button', { name: 'Opleiding toevoegen' }).click()
    await expect(page.getByRole('cell', { name: programme })).toBeVisible()

    const sf = page.getByRole('form', { name: 'Nieuwe dagen (reeks)' })
    await sf.getByLabel('Opleiding').selectOption({ label: `${programme} (mbo niveau 4)` })
    await sf.getByLabel('Locatie').fill('Campus Hengelo, lokaal 1.12')
    await sf.getByTestId('slot-date-row').getByRole('textbox', { name: 'Datum' }).fill(dayFromNow(30))
    await sf.getByLabel('Capaciteit').fill('1')
    await sf.getByRole('button', { name: 'Dagen publiceren' }).click()
    await expect(sf.getByText('1 dag gepubliceerd')).toBeVisible()
    const slot = await db.slot.findFirstOrThrow({ where: { programme: { name: programme } } })
    expect(slot.capacity).toBe(1)

    // Two pupils book on the public page, without an account
    const pupils = [`eerste-${uniq()}@example.test`, `tweede-${uniq()}@example.test`]
    for (const [i, email] of pupils.entries()) {
      const ctx = await browser.newContext()
      const p = await ctx.newPage()
      await p.goto(`/instelling/${world.a.mbo.brin}/proefstuderen?programme=${encodeURIComponent(programme)}`)
      if (i === 0) await expectAccessible(p)
      await p.getByRole('link', { name: new RegExp(`Aanmelden voor ${programme}`) }).click()
      await expect(p.getByRole('heading', { level: 1 })).toContainText(programme)
      if (i === 0) await expectAccessible(p)
      const form = p.getByRole('form', { name: 'Aanmelden' })
      await form.getByLabel('Je naam').fill(i === 0 ? 'Eva Eerste' : 'Tim Tweede')
      await form.getByLabel('Je e-mailadres').fill(email)
      await form.getByRole('combobox', { name: /^Je school/ }).selectOption({ label: `${world.a.school.name} (${world.a.school.city})` })
      await form.getByLabel('Je niveau').selectOption({ label: 'havo' })
      await form.getByRole('button', { name: 'Aanmelden' }).click()
      // the result replaces the form and stays: the held place (first) or the waiting-list position (second)
      await expect(p.getByTestId('booking-result')).toContainText(i === 0 ? 'Bijna klaar: bevestig je aanmelding' : 'Je staat op de wachtlijst (plaats 1)')
      await ctx.close()
    }
    // The first holds the place until she confirms through the link in the e-mail; the mail carries her name only
    const pending = await waitForMail(pupils[0]!, (m) => m.subject.startsWith('Bevestig je aanmelding'))
    expect(pending.text).toContain('Beste Eva Eerste,')
    await waitForMail(pupils[1]!, (m) => m.subject.startsWith('Wachtlijst'))
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'PENDING' } })).toBe(1)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'WAITLISTED' } })).toBe(1)

    // On a phone (360 px): opening the link changes nothing; the button confirms
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } })
    const pupil = await phone.newPage()
    await pupil.goto(firstLink(pending.text, '/boeking/'))
    await expect(pupil.getByTestId('booking-status')).toHaveText('Wacht op bevestiging')
    await expect(pupil.getByRole('status').filter({ hasText: 'Je plek wordt vastgehouden tot' })).toBeVisible()
    await expectAccessible(pupil)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'PENDING' } })).toBe(1)
    const confirmButton = pupil.getByRole('button', { name: 'Bevestig je aanmelding' })
    expect((await confirmButton.boundingBox())!.width).toBeLessThanOrEqual(360)
    await confirmButton.click()
    await expect(pupil.getByText('Je aanmelding is bevestigd.')).toBeVisible()
    await expect(pupil.getByTestId('booking-status')).toHaveText('Bevestigd')
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'CONFIRMED' } })).toBe(1)
    await expectAccessible(pupil)

    // The first then cancels through the same link
    await pupil.getByRole('button', { name: 'Aanmelding annuleren' }).click()
    await expect(pupil.getByText('Weet je het zeker? Je plek gaat dan naar een andere leerling.')).toBeVisible()
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'CONFIRMED' } })).toBe(1) // asking changes nothing
    await pupil.getByRole('button', { name: 'Ja, annuleren' }).click()
    await expect(pupil.getByTestId('booking-status')).toHaveText('Geannuleerd')
    await expect(pupil.getByText('Je aanmelding is geannuleerd. Je krijgt een bevestiging per e-mail.')).toBeVisible()
    await waitForMail(pupils[0]!, (m) => m.subject.startsWith('Geannuleerd: je aanmelding'))

    // The second receives the offer and accepts it
    const offer = await waitForMail(pupils[1]!, (m) => m.subject.startsWith('Er is een plek vrij'))
    await pupil.goto(firstLink(offer.text, '/boeking/'))
    await expect(pupil.getByTestId('booking-status')).toHaveText('Plek aangeboden')
    await pupil.getByRole('button', { name: 'Plek aannemen' }).click()
    await expect(pupil.getByTestId('booking-status')).toHaveText('Bevestigd')

    // A tampered link gets a clear message
    await pupil.goto(`/boeking/${'x'.repeat(43)}`)
    await expect(pupil.getByRole('main').getByRole('alert')).toContainText('Deze link is ongeldig')
    await expectAccessible(pupil)

    // The publisher's participant list and export show the result
    await page.goto(`/proefstuderen/${slot.id}`)
    const rows = page.getByRole('table', { name: 'Deelnemers' }).getByRole('row')
    await expect(rows.filter({ hasText: 'Tim Tweede' })).toContainText('Bevestigd')
    await expect(rows.filter({ hasText: 'Eva Eerste' })).toContainText('Geannuleerd')
    await expectAccessible(page)
    const csv = await page.request.get(`/api/slots/${slot.id}/export?format=csv`)
    expect(csv.status()).toBe(200)
    expect(await csv.text()).toContain('Tim Tweede')
    const xlsx = await page.request.get(`/api/slots/${slot.id}/export?format=xlsx`)
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml')

    // The region's public page lists the (now full) day
    await pupil.goto(`/regio/${world.a.region.slug}/proefstuderen?programme=${encodeURIComponent(programme)}`)
    await expect(pupil.getByRole('listitem').getByText('vol — wachtlijst', { exact: true })).toBeVisible() // a card per day (360 px)
    await expectAccessible(pupil)

    // The pupils' decaan sees the booking; the decaan cannot export the institution's list
    const decaan = await (await browser.newContext()).newPage()
    await signInAs(decaan, world.a.staff.email)
    await decaan.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Proefstuderen' }).click()
    await expect(decaan.getByRole('heading', { level: 1, name: 'Aanmeldingen van mijn leerlingen' })).toBeVisible()
    await expect(decaan.getByRole('table', { name: 'Aanmeldingen' })).toContainText('Tim Tweede')
    await expectAccessible(decaan)
    expect((await decaan.request.get(`/api/slots/${slot.id}/export?format=csv`)).status()).toBe(403)
  })
})

test.describe('proefstuderen in the shared calendar', () => {
  test('a published slot shows in the region agenda (week view and public month) with its free places and opens the booking page', async ({ page, world, db }) => {
    const name = `Pedagogiek ${uniq()}`
    const day = dayFromNow(45)
    const programme = await db.slotProgramme.create({ data: { organisationId: world.a.hbo.id, name, sector: 'HBO', level: 'BACHELOR', code: '34808' } })
    const startsAt = fromAmsterdam(day, '13:00')
    await db.slot.create({
      data: {
        programmeId: programme.id,
        organisationId: world.a.hbo.id,
        startsAt,
        endsAt: fromAmsterdam(day, '16:00'),
        location: 'Campus Zuid',
        capacity: 3,
        bookingOpensAt: new Date(),
        bookingClosesAt: new Date(startsAt.getTime() - 86_400_000),
        audienceLevels: ['HAVO', 'VWO'],
      },
    })

    // The decaan's agenda, week view: the slot as a proefstudeerdag with its places, linking to the booking page.
    await signInAs(page, world.a.staff.email)
    await page.goto(`/agenda?region=${world.a.region.id}&view=week&date=${day}`)
    const day$ = page.getByRole('region', { name: new RegExp(String(Number(day.slice(8)))) }).filter({ hasText: name })
    await expect(day$).toContainText('Proefstuderen')
    await expect(day$).toContainText('3 plaatsen vrij')
    await expectAccessible(page)
    await day$.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name)

    // The public region agenda of that month lists it too.
    await page.goto(`/regio/${world.a.region.slug}/agenda?month=${day.slice(0, 7)}`)
    const row = page.getByRole('row').filter({ hasText: name })
    await expect(row).toContainText('Proefstuderen')
    await expect(row).toContainText(world.a.hbo.name)
    await expect(row.getByRole('link', { name })).toHaveAttribute('href', new RegExp(`/instelling/${world.a.hbo.brin}/proefstuderen/`))
    await expectAccessible(page)
  })
})

/** Issue #19: the publisher's days, a day's participants and the decaan's bookings page with the totals shown. */
test.describe('slot lists a page at a time', () => {
  test('publisher and decaan click to the next page of their lists and see the totals; they fit 360 px', async ({ page: pub, browser, db }) => {
    const region = await buildRegion(db)
    const institution = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const publisher = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: institution.id }] })
    const decaan = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    const programme = await db.slotProgramme.create({ data: { organisationId: institution.id, name: `Paginatechniek ${uniq()}`, sector: 'MBO', level: 'MBO_4', code: '25999' } })
    const DAY = 86_400_000
    const day = (n: number) => {
      const startsAt = new Date(Date.now() + n * DAY)
      return { programmeId: programme.id, organisationId: institution.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), location: 'Campus', capacity: 5, bookingOpensAt: new Date(Date.now() - DAY), bookingClosesAt: new Date(startsAt.getTime() - DAY), audienceLevels: ['HAVO' as const] }
    }
    const crowded = await db.slot.create({ data: day(2) })
    for (let i = 0; i < 29; i++) await db.slot.create({ data: day(3 + i) })
    for (let i = 0; i < 55; i++)
      await db.slotBooking.create({ data: { slotId: crowded.id, organisationId: institution.id, programmeId: programme.id, pupilName: `Leerling ${i}`, pupilEmail: `l${i}-${uniq()}@example.test`, schoolId: school.id, level: 'HAVO', year: 4, status: 'WAITLISTED', waitlistedAt: new Date() } })
    const fits = async (page: import('@playwright/test').Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)

    await pub.setViewportSize({ width: 360, height: 800 })
    await signInAs(pub, publisher.email)
    await pub.goto('/proefstuderen')
    await expect(pub.getByTestId('slots-upcoming-pager')).toContainText('1–25 van 30')
    await expect(pub.getByTestId('slots-past-pager')).toContainText('0 van 0')
    await expectAccessible(pub)
    await fits(pub)
    await pub.getByTestId('slots-upcoming-pager').getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(pub.getByTestId('slots-upcoming-pager')).toContainText('26–30 van 30')
    await expect(pub.getByRole('table', { name: 'Komende dagen' }).getByRole('row')).toHaveCount(6)
    await pub.goto(`/proefstuderen/${crowded.id}`)
    await expect(pub.getByTestId('participants-pager')).toContainText('1–50 van 55')
    await expectAccessible(pub)
    await fits(pub)
    await pub.getByTestId('participants-pager').getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(pub.getByTestId('participants-pager')).toContainText('51–55 van 55')
    await expect(pub.getByRole('table', { name: 'Deelnemers' })).toContainText('Leerling 54')

    const dec = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage()
    await signInAs(dec, decaan.email)
    await dec.goto('/proefstuderen/school')
    await expect(dec.getByTestId('school-bookings-pager')).toContainText('1–25 van 55')
    await expectAccessible(dec)
    await fits(dec)
    await dec.getByTestId('school-bookings-pager').getByRole('link', { name: 'Volgende pagina' }).click()
    await expect(dec.getByTestId('school-bookings-pager')).toContainText('26–50 van 55')
    await expect(dec.getByRole('table', { name: 'Aanmeldingen' }).getByRole('row')).toHaveCount(26)
    await dec.context().close()
  })
})
