import type { Browser, Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible, waitForMail } from './support/fixtures.ts'
import { publishedSlot } from './support/slots.ts'
import { publishedEvent } from './support/calendar.ts'
import { execFileSync } from 'node:child_process'
import { newLinkToken } from '../server/lib/link-token.ts'
import { schoolYearOf } from '../server/participation/school-year.ts'
import { uniq } from '../server/db/factories.ts'
import { formatAmsterdam, fromAmsterdam } from '../server/lib/time.ts'
import type { Db, World } from './support/fixtures.ts'

/**
 * Issue 19, the usability items of the pupil forms, the decaan's booking, the publisher and the date fields: walked
 * at a 360 px phone and at desktop size, in Dutch and English, with a browser that speaks American English (the
 * native date input showed mm/dd/yyyy in the Dutch UI).
 */
const PHONE = { width: 360, height: 740 }
const DAY = 86_400_000

/** zod's default texts (en, nl) and raw message keys: none may reach a page. */
const LEAKS = /Too small|Too big|Invalid (input|option|string)|expected (string|number|int)|Te klein:|Te groot:|Ongeldige (invoer|optie)|\b(slots|validation|registration|calendar|core|errors|privacy|dateField|transitions)\.[a-z]+\.?[A-Za-z.]*\b/

async function expectNoLeaks(page: Page) {
  const text = await page.locator('body').innerText()
  expect(text.match(LEAKS)?.[0] ?? null).toBeNull()
}
async function expectFits(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
}

async function browserFor(browser: Browser, opts: { phone?: boolean; english?: boolean } = {}) {
  const ctx = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', baseURL: test.info().project.use.baseURL, ...(opts.phone ? { viewport: PHONE } : {}) })
  if (opts.english) await ctx.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: test.info().project.use.baseURL! }])
  return ctx.newPage()
}

/** A programme of institution A with one upcoming slot (with an intake question) and one past slot. */
async function makeProgramme(db: Db, world: World, opts: { capacity?: number; question?: boolean } = {}) {
  const { name, programme, slot } = await publishedSlot(db, {
    organisationId: world.a.mbo.id,
    name: `Zorg en welzijn ${uniq()}`,
    capacity: opts.capacity ?? 5,
    audienceLevels: ['VMBO_GT', 'HAVO'],
    data: { questions: opts.question ? [{ id: 'q1', label: 'Wat wil je weten?', required: true }] : [] },
  })
  return { name, programme, slot }
}

test.describe('issue 19: usability', () => {
  test('date fields follow the UI language, not the browser (nl dd-mm-jjjj, en dd/mm/yyyy); the calendar button fills the field', async ({ browser, world }) => {
    for (const phone of [true, false]) {
      const page = await browserFor(browser, { phone })
      await page.goto(`/regio/${world.a.region.slug}/proefstuderen`)
      const from = page.getByRole('textbox', { name: 'Vanaf' })
      await expect(from).toHaveAttribute('placeholder', 'dd-mm-jjjj')
      await expect(page.locator('input[type="date"]')).toHaveCount(0)
      await from.fill('5-3-2031')
      await from.blur()
      await expect(from).toHaveValue('05-03-2031')
      await page.getByRole('button', { name: 'Toon dagen' }).click()
      await expect(page).toHaveURL(/from=2031-03-05/)
      await expect(page.getByRole('textbox', { name: 'Vanaf' })).toHaveValue('05-03-2031')
      // a date that does not exist says so in Dutch
      const to = page.getByRole('textbox', { name: 'Tot en met' })
      await to.fill('31-02-2031')
      await to.blur()
      await expect(page.getByText('Vul een bestaande datum in als dd-mm-jjjj.')).toBeVisible()
      // the calendar: Dutch month and weekday names, picking a day writes dd-mm-jjjj
      await page.getByRole('button', { name: 'Kies een datum in de kalender' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Kies een datum in de kalender' })
      await expect(dialog).toContainText('maart 2031')
      await expect(dialog.getByRole('button', { name: 'maandag 3 maart 2031' })).toBeVisible()
      await dialog.getByRole('button', { name: /12 maart 2031/ }).click()
      await expect(dialog).toHaveCount(0)
      await expect(from).toHaveValue('12-03-2031')
      if (phone) await expectFits(page)
      await expectAccessible(page)
      await page.context().close()
    }
    const en = await browserFor(browser, { english: true })
    await en.goto(`/regio/${world.a.region.slug}/proefstuderen`)
    await expect(en.getByRole('textbox', { name: 'From' })).toHaveAttribute('placeholder', 'dd/mm/yyyy')
    await en.getByRole('textbox', { name: 'From' }).fill('05/03/2031')
    await en.getByRole('textbox', { name: 'From' }).blur()
    await expect(en.getByRole('textbox', { name: 'From' })).toHaveValue('05/03/2031')
    await en.context().close()
  })

  test('slot search: an impossible date, or "to" before "from", stays in its field with a translated message tied to it (nl, en), not silently dropped', async ({ browser, world }) => {
    const page = await browserFor(browser, { phone: true })
    await page.goto(`/regio/${world.a.region.slug}/proefstuderen`)
    await page.getByRole('textbox', { name: 'Vanaf' }).fill('31-02-2031')
    await page.getByRole('textbox', { name: 'Vanaf' }).blur() // (the field's own message then moves the button)
    await page.getByRole('button', { name: 'Toon dagen' }).click()
    await expect(page).toHaveURL(/from=31-02-2031/)
    const from = page.getByRole('textbox', { name: 'Vanaf' })
    await expect(from).toHaveValue('31-02-2031')
    await expect(from).toHaveAttribute('aria-invalid', 'true')
    await expect(from).toHaveAccessibleDescription(/Vul een bestaande datum in als dd-mm-jjjj\./)
    await expectAccessible(page)
    // "to" before "from": the "to" field says so; "from" is fine.
    await page.goto(`/regio/${world.a.region.slug}/proefstuderen?from=2031-03-12&to=2031-03-05`)
    const to = page.getByRole('textbox', { name: 'Tot en met' })
    await expect(to).toHaveValue('05-03-2031')
    await expect(to).toHaveAttribute('aria-invalid', 'true')
    await expect(to).toHaveAccessibleDescription(/Deze datum ligt vóór de datum bij ‘Vanaf’\. Kies een latere datum\./)
    await expect(page.getByRole('textbox', { name: 'Vanaf' })).toHaveValue('12-03-2031')
    await expect(page.getByRole('textbox', { name: 'Vanaf' })).not.toHaveAttribute('aria-invalid', 'true')
    await expectFits(page)
    await expectAccessible(page)
    await page.setViewportSize({ width: 1280, height: 900 })
    await expectAccessible(page)
    await page.context().close()
    const en = await browserFor(browser, { english: true })
    await en.goto(`/regio/${world.a.region.slug}/proefstuderen?from=2031-03-12&to=2031-03-05`)
    await expect(en.getByRole('textbox', { name: 'Up to and including' })).toHaveAccessibleDescription(/This date is before the ‘From’ date\. Choose a later date\./)
    await expectNoLeaks(en)
    await en.context().close()
  })

  test('the link pages have their own translated title: booking, event registration, personal link, unsubscribe (nl, en)', async ({ browser, world, db }) => {
    const { programme, slot } = await publishedSlot(db, { organisationId: world.a.mbo.id, capacity: 5, data: { confirmedCount: 1 } })
    const booking = newLinkToken()
    await db.slotBooking.create({ data: { slotId: slot.id, organisationId: world.a.mbo.id, programmeId: programme.id, pupilName: 'Lies Titel', pupilEmail: `lies-${uniq()}@example.test`, schoolId: world.a.school.id, level: 'HAVO', year: 4, status: 'PENDING', offerExpiresAt: new Date(Date.now() + DAY), tokenHash: booking.hash, locale: 'nl' } })
    const startsAt = new Date(Date.now() + 10 * DAY)
    const event = await publishedEvent(db, { title: `Open avond ${uniq()}`, type: 'NETWERKWEEK', startsAt, endsAt: new Date(startsAt.getTime() + DAY), audienceLevels: [], schoolYears: [], organiserIds: [world.a.mbo.id], regionIds: [world.a.region.id] })
    const registration = await db.registrationEvent.create({
      data: { eventId: event.id, opensAt: new Date(Date.now() - DAY), closesAt: startsAt, audiences: { create: [{ kind: 'PARENT', maxPartySize: 2, confirmedCount: 1 }] }, sessions: { create: [{ title: 'Rondleiding', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 5, confirmedCount: 1 }] } },
      include: { sessions: true },
    })
    const reg = newLinkToken()
    await db.registrant.create({ data: { registrationId: registration.id, audience: 'PARENT', name: 'Rob Titel', email: `rob-${uniq()}@example.test`, confirmedAt: new Date(), tokenHash: reg.hash, checkinCode: `c${uniq()}`, seats: { create: [{ sessionId: registration.sessions[0]!.id, status: 'CONFIRMED' }] } } })
    // A personal link's stored hash, as the server computes it (in a child process: the module loads JSON catalogues).
    const pupilToken = newLinkToken().token
    const pupilHash = execFileSync('node', ['--import', 'tsx', '--input-type=module', '-e', "import { hashLinkToken } from './server/participation/pupils.ts'; process.stdout.write(hashLinkToken(process.argv[1]))", pupilToken], { env: process.env, timeout: 60_000 }).toString()
    await db.participationPupil.create({ data: { schoolId: world.a.school.id, schoolYear: schoolYearOf(new Date()), name: 'Tim Titel', email: `tim-${uniq()}@example.test`, level: 'HAVO', year: 4, className: '4T', linkHash: pupilHash, linkExpiresAt: new Date(Date.now() + 30 * DAY) } })
    const titles = {
      nl: ['Je aanmelding voor proefstuderen', 'Je aanmelding voor een activiteit', 'Jouw aanmeldingen', 'Afmelden voor e-mails'],
      en: ['Your trial day booking', 'Your registration for an activity', 'Your bookings', 'Unsubscribe from e-mails'],
    }
    for (const english of [false, true]) {
      const page = await browserFor(browser, { english })
      for (const [i, url] of [`/boeking/${booking.token}`, `/aanmelding/${reg.token}`, `/leerling/${pupilToken}`, '/afmelden?token=x'].entries()) {
        await page.goto(url)
        await expect(page).toHaveTitle(`${titles[english ? 'en' : 'nl'][i]} · Overstap`)
      }
      await page.context().close()
    }
  })

  test('pupil booking: empty form gives translated messages only (nl, en); a privacy notice with the real period; the result stays', async ({ browser, world, db }) => {
    const { slot } = await makeProgramme(db, world, { capacity: 1, question: true })
    await db.slotSettings.upsert({ where: { organisationId: world.a.mbo.id }, create: { organisationId: world.a.mbo.id, purgeAfterDays: 30 }, update: {} })
    const purge = (await db.slotSettings.findUniqueOrThrow({ where: { organisationId: world.a.mbo.id } })).purgeAfterDays
    for (const english of [false, true]) {
      const page = await browserFor(browser, { phone: true, english })
      await page.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slot.id}`)
      const form = page.getByRole('form', { name: english ? 'Book' : 'Aanmelden' })
      await expect(page.getByTestId('privacy-notice')).toContainText(english ? `until ${purge} days after the day` : `tot ${purge} dagen na de dag`)
      await expect(page.getByTestId('privacy-notice')).toContainText(world.a.mbo.name)
      await form.getByLabel(english ? 'Your level' : 'Je niveau').selectOption({ index: 0 })
      await form.getByLabel(english ? 'School year' : 'Leerjaar').fill('')
      await form.getByRole('button', { name: english ? 'Book' : 'Aanmelden' }).click()
      await expect(form.getByText(english ? 'This field is required.' : 'Dit veld is verplicht.').first()).toBeVisible()
      await expectNoLeaks(page)
      await form.getByLabel(english ? 'School year' : 'Leerjaar').fill('9')
      await form.getByLabel(english ? 'Your name' : 'Je naam').fill('x')
      await form.getByRole('button', { name: english ? 'Book' : 'Aanmelden' }).click()
      await expectNoLeaks(page)
      await expectFits(page)
      await expectAccessible(page)
      await page.context().close()
    }
    // Booking: the result replaces the form and stays (no reset form, no vanishing message)
    const page = await browserFor(browser, { phone: true })
    await page.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slot.id}`)
    const form = page.getByRole('form', { name: 'Aanmelden' })
    const email = `lotte-${uniq()}@example.test`
    await form.getByLabel('Je naam').fill('Lotte Leerling')
    await form.getByLabel('Je e-mailadres').fill(email)
    await form.getByRole('combobox', { name: /^Je school/ }).selectOption({ label: `${world.a.school.name} (${world.a.school.city})` })
    await form.getByLabel('Wat wil je weten?').fill('Hoe ziet een stage eruit?')
    await form.getByRole('button', { name: 'Aanmelden' }).click()
    const result = page.getByTestId('booking-result')
    await expect(result).toContainText('Bijna klaar: bevestig je aanmelding')
    await expect(result).toContainText('We houden een plek voor je vast tot')
    await page.waitForTimeout(1500)
    await expect(result).toBeVisible()
    await expect(page.getByRole('form', { name: 'Aanmelden' })).toHaveCount(0)
    await expectFits(page)
    await expectAccessible(page)
    await waitForMail(email, (m) => m.subject.startsWith('Bevestig je aanmelding'))
    // A reload keeps the result (the page reads it back; no second post), and "someone else" brings the form back.
    await page.reload()
    await expect(result).toContainText('Bijna klaar: bevestig je aanmelding')
    await expect(page.getByRole('form', { name: 'Aanmelden' })).toHaveCount(0)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, pupilEmail: email } })).toBe(1)
    // The form comes back at once; the server action that forgets the kept result answers a moment later — the
    // reload waits for it (a reload before it lands still shows the result, as the cookie is still there).
    const forgotten = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === new URL(page.url()).pathname)
    await page.getByRole('button', { name: 'Nog iemand aanmelden' }).click()
    await expect(page.getByRole('form', { name: 'Aanmelden' })).toBeVisible()
    await forgotten
    await page.reload()
    await expect(page.getByRole('form', { name: 'Aanmelden' })).toBeVisible()
    await page.context().close()

    // Without JavaScript: the post answers with a redirect to the page, which shows the same result; a reload posts nothing.
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
    const plain = await noJs.newPage()
    await plain.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slot.id}`)
    const plainForm = plain.getByRole('form', { name: 'Aanmelden' })
    const email2 = `joep-${uniq()}@example.test`
    await plainForm.getByLabel('Je naam').fill('Joep Leerling')
    await plainForm.getByLabel('Je e-mailadres').fill(email2)
    await plainForm.getByRole('combobox', { name: /^Je school/ }).selectOption({ label: `${world.a.school.name} (${world.a.school.city})` })
    await plainForm.getByLabel('Wat wil je weten?').fill('Niets')
    await plainForm.getByRole('button', { name: 'Aanmelden' }).click()
    await expect(plain.getByTestId('booking-result')).toBeVisible()
    await plain.reload()
    await expect(plain.getByTestId('booking-result')).toBeVisible()
    await expect(plain.getByText('Met dit e-mailadres ben je al aangemeld')).toHaveCount(0)
    expect(await db.slotBooking.count({ where: { slotId: slot.id, pupilEmail: email2 } })).toBe(1)
    await noJs.close()
  })

  test("a slot page answers only under its own institution's BRIN (lower case too); another code is the 404 page", async ({ page, world, db }) => {
    const { slot } = await makeProgramme(db, world)
    const brin = world.a.mbo.brin
    for (const other of [world.a.hbo.brin, '00XX', 'XXXX']) {
      const r = await page.goto(`/instelling/${other}/proefstuderen/${slot.id}`)
      expect(r!.status()).toBe(404)
      await expect(page.getByRole('form', { name: 'Aanmelden' })).toHaveCount(0)
    }
    for (const own of [brin, brin.toLowerCase()]) {
      const r = await page.goto(`/instelling/${own}/proefstuderen/${slot.id}`)
      expect(r!.status()).toBe(200)
      await expect(page.getByRole('form', { name: 'Aanmelden' })).toBeVisible()
    }
  })

  test('decaan books for a pupil inside the app: search, a form worded to the decaan, a result that stays (360 px and desktop)', async ({ browser, world, db }) => {
    const { name, slot } = await makeProgramme(db, world)
    for (const phone of [true, false]) {
      const page = await browserFor(browser, { phone })
      await signInAs(page, world.a.staff.email)
      await page.goto('/proefstuderen/school')
      await expect(page.getByText('vul hier de gegevens in')).toHaveCount(0)
      await page.getByRole('link', { name: 'Een leerling aanmelden' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Leerling aanmelden voor proefstuderen' })).toBeVisible()
      await expect(page.getByRole('navigation', { name: 'Hoofdnavigatie' })).toBeAttached()
      if (phone) await expectFits(page)
      await expectAccessible(page)
      await page.goto(`/proefstuderen/boeken?programme=${encodeURIComponent(name)}`)
      await page.getByRole('link', { name: new RegExp(`Aanmelden voor ${name}`) }).click()
      await expect(page).toHaveURL(new RegExp(`/proefstuderen/boeken/${slot.id}$`))
      const form = page.getByRole('form', { name: 'Leerling aanmelden' })
      await form.getByRole('button', { name: 'Leerling aanmelden' }).click()
      await expect(form.getByText('Dit veld is verplicht.').first()).toBeVisible()
      await expectNoLeaks(page)
      const pupilName = phone ? 'Milan Mobiel' : 'Daan Desktop'
      await form.getByLabel('Naam van de leerling').fill(pupilName)
      await form.getByLabel('E-mailadres van de leerling').fill(`${phone ? 'milan' : 'daan'}-${uniq()}@example.test`)
      await form.getByLabel('Niveau van de leerling').selectOption({ label: 'havo' })
      await form.getByRole('button', { name: 'Leerling aanmelden' }).click()
      await expect(page.getByTestId('booking-result')).toContainText(`${pupilName} is aangemeld`)
      if (phone) await expectFits(page)
      await expectAccessible(page)
      await page.getByRole('button', { name: 'Nog een leerling aanmelden' }).click()
      await expect(page.getByRole('form', { name: 'Leerling aanmelden' }).getByLabel('Naam van de leerling')).toHaveValue('')
      await page.context().close()
    }
    expect(await db.slotBooking.count({ where: { slotId: slot.id, status: 'CONFIRMED', bookedById: world.a.staff.id } })).toBe(2)
    // the public slot page has one form only (the pupil's) and points the decaan into the app
    const page = await browserFor(browser)
    await signInAs(page, world.a.staff.email)
    await page.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slot.id}`)
    await expect(page.getByRole('form', { name: 'Aanmelden' })).toHaveCount(1)
    await expect(page.getByRole('form', { name: 'Leerling aanmelden' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Ben je decaan? Meld een leerling aan vanuit Overstap.' })).toHaveAttribute('href', `/proefstuderen/boeken/${slot.id}`)
    await page.context().close()
  })

  test('publisher: intake answers and show-up on the slot pages, edit and archive a programme (asks first), a series dated dd-mm-jjjj', async ({ browser, world, db }) => {
    const { name, programme, slot } = await makeProgramme(db, world, { question: true })
    // a past day with two confirmed pupils, one present and one absent
    const past = await db.slot.create({
      data: { programmeId: programme.id, organisationId: world.a.mbo.id, startsAt: new Date(Date.now() - 7 * DAY), endsAt: new Date(Date.now() - 7 * DAY + 3 * 3_600_000), location: 'Campus Enschede', capacity: 5, confirmedCount: 2, bookingOpensAt: new Date(Date.now() - 30 * DAY), bookingClosesAt: new Date(Date.now() - 8 * DAY), audienceLevels: ['HAVO'], questions: [{ id: 'q1', label: 'Wat wil je weten?', required: false }] },
    })
    for (const [i, attendance] of (['PRESENT', 'ABSENT'] as const).entries())
      await db.slotBooking.create({ data: { slotId: past.id, organisationId: world.a.mbo.id, programmeId: programme.id, pupilName: `Pupil ${i}`, pupilEmail: `p${i}-${uniq()}@example.test`, schoolId: world.a.school.id, level: 'HAVO', year: 4, status: 'CONFIRMED', attendance, answers: { q1: `Antwoord ${i}` } } })

    const page = await browserFor(browser)
    await signInAs(page, world.a.publisher.email)
    await page.goto(`/proefstuderen/${past.id}`)
    const participants = page.getByRole('table', { name: 'Deelnemers' })
    await expect(participants.getByRole('columnheader', { name: 'Antwoorden op de intakevragen' })).toBeVisible()
    await expect(participants.getByRole('row').filter({ hasText: 'Pupil 0' })).toContainText('Antwoord 0')
    await expectAccessible(page)
    // on a phone the participants table scrolls inside its box: its cells' sr-only attendance labels no longer widen
    // the page (855 px on a 390 px phone)
    const desktop = page.viewportSize()!
    await page.setViewportSize(PHONE)
    await expectFits(page)

    await page.goto('/proefstuderen')
    await expect(page.getByRole('main').getByText('Zet opleidingen en proefstudeer- of meeloopdagen online', { exact: false }).first()).toBeVisible()
    await expectFits(page) // the series form's fields shrink to the phone (a long programme name pushed them 23 px out)
    await page.setViewportSize(desktop)
    await expect(page.getByRole('table', { name: 'Opkomst per opleiding' }).getByRole('row').filter({ hasText: name })).toContainText('50%')
    // archive asks first; with an upcoming day it is refused with the reason
    const row = page.getByRole('table', { name: 'Opleidingen' }).getByRole('row').filter({ hasText: name })
    await row.getByRole('button', { name: 'Archiveren' }).click()
    await expect(row).toContainText(`${name} archiveren? De opleiding verdwijnt uit het openbare zoeken`)
    await row.getByRole('button', { name: 'Ja, archiveren' }).click()
    await expect(row).toContainText('Deze opleiding heeft nog 1 komende dag. Annuleer die eerst')
    await db.slot.update({ where: { id: slot.id }, data: { status: 'CANCELLED' } })
    await row.getByRole('button', { name: 'Archiveren' }).click()
    await row.getByRole('button', { name: 'Ja, archiveren' }).click()
    await expect(row).toContainText('Gearchiveerd op')
    expect((await db.slotProgramme.findUniqueOrThrow({ where: { id: programme.id } })).archivedAt).not.toBeNull()
    await expect(page.getByRole('form', { name: 'Nieuwe dagen (reeks)' }).getByLabel('Opleiding').locator('option', { hasText: name })).toHaveCount(0)
    await row.getByRole('button', { name: 'Terugzetten' }).click()
    await expect(row).toContainText('Actief')
    // edit the programme
    await row.getByText(`${name} wijzigen`).click()
    const edit = row.getByRole('form', { name: `${name} wijzigen` })
    await edit.getByLabel('Naam').fill(`${name} (nieuw)`)
    await edit.getByRole('button', { name: 'Opleiding opslaan' }).click()
    await expect(page.getByText('De opleiding is opgeslagen.')).toBeVisible()
    expect((await db.slotProgramme.findUniqueOrThrow({ where: { id: programme.id } })).name).toBe(`${name} (nieuw)`)
    await expectAccessible(page)
    // the series form: submitted empty, every field says what is wrong (translated) and nothing is created
    const sf = page.getByRole('form', { name: 'Nieuwe dagen (reeks)' })
    await sf.getByLabel('Opleiding').selectOption({ label: `${name} (nieuw) (mbo niveau 4)` })
    const slotsBefore = await db.slot.count({ where: { programmeId: programme.id } })
    await sf.getByRole('button', { name: 'Dagen publiceren' }).click()
    await expect(sf.getByText('Vul een geldige datum in.')).toBeVisible()
    await expect(sf.getByLabel('Locatie')).toHaveAttribute('aria-invalid', 'true')
    expect(await db.slot.count({ where: { programmeId: programme.id } })).toBe(slotsBefore)
    // a date typed as dd-mm-jjjj publishes the day at that date (about a year ahead, so the test never ages)
    const iso = formatAmsterdam(new Date(Date.now() + 300 * DAY), 'yyyy-MM-dd')
    const typed = formatAmsterdam(new Date(Date.now() + 300 * DAY), 'dd-MM-yyyy')
    await sf.getByLabel('Locatie').fill('Campus Enschede')
    await sf.getByTestId('slot-date-row').getByRole('textbox', { name: 'Datum' }).fill(typed)
    await sf.getByTestId('slot-date-row').getByRole('textbox', { name: 'Datum' }).blur()
    await expect(sf.getByTestId('slot-date-row').getByRole('textbox', { name: 'Datum' })).toHaveValue(typed)
    await sf.getByRole('button', { name: 'Dagen publiceren' }).click()
    await expect(sf.getByText('1 dag gepubliceerd')).toBeVisible()
    expect(await db.slot.count({ where: { programmeId: programme.id, startsAt: fromAmsterdam(iso, '09:00') } })).toBe(1)
    await expectNoLeaks(page)
    await page.context().close()
  })

  test('transitions: the decaan downloads the CSV template of the expected columns before uploading', async ({ browser, world }) => {
    const page = await browserFor(browser)
    await signInAs(page, world.a.staff.email)
    const res = await page.request.get('/api/transitions/template')
    expect(res.status()).toBe(200)
    expect(res.headers()['content-disposition']).toContain('doorstroom-sjabloon.csv')
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('Cohortjaar;BRIN;Vestiging;Leerweg;Bestemming;BRIN vervolg;Opleidingscode;Gestart;Ingeschreven na jaar 1;Geswitcht;Uitgevallen;Diploma nominaal')
    expect(lines[1]).toMatch(/^\d{4};21AB;00;havo;hbo;25KB;34035;40;34;4;2;0$/)
    await page.context().close()
  })
})
