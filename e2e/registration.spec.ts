import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import QRCode from 'qrcode'
import { test, expect, signInByEmail, expectAccessible, expectHydrated, waitForMail, firstLink, type Db, type World } from './support/fixtures.ts'
import { newLinkToken } from '../server/lib/link-token.ts'
import { publishedEvent } from './support/calendar.ts'
import { uniq } from '../server/db/factories.ts'
import { toAmsterdam } from '../server/lib/time.ts'

const PHONE = { width: 360, height: 740 }
const DAY = 86_400_000

/**
 * A Y4M video (what Chromium's fake camera plays) showing the QR code of `text`, black on white, in every frame.
 * Built here from the QR's modules (qrcode), so no image tools are needed.
 */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const W = 480
  const H = 480
  const scale = Math.floor(360 / (n + 8))
  const offset = Math.floor((W - (n + 8) * scale) / 2) + 4 * scale
  const y = Buffer.alloc(W * H, 235)
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++) y.fill(16, (offset + r * scale + dy) * W + offset + c * scale, (offset + r * scale + dy) * W + offset + (c + 1) * scale)
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma])
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'overstap-qr-')), 'qr.y4m')
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]))
  return file
}

/** Registers on the public form (phone): audience, name, e-mail, its fields, the sessions. */
async function registerOnPhone(page: Page, opts: { audience: RegExp; name: string; email: string; sessions: string[]; fill?: (p: Page) => Promise<void> }) {
  await page.getByRole('radio', { name: opts.audience }).check()
  await page.getByRole('textbox', { name: 'Naam', exact: true }).fill(opts.name)
  await page.getByLabel('E-mailadres').fill(opts.email)
  await opts.fill?.(page)
  for (const s of opts.sessions) await page.getByRole('checkbox', { name: new RegExp(s) }).check()
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  await expect(page.getByTestId('registration-done')).toBeVisible()
}

test.describe('registration for a netwerkweek', () => {
  test('coordinator enables two sessions; parent and pupil register on a phone; the session fills and the next is waitlisted; check-in by camera scan and by search; the decaan downloads the certificate', async ({ page, browser, world, db }) => {
    test.setTimeout(900_000) // a long story (three browsers, mails, axe scans) on a shared 2-core machine
    // A published netwerkweek of region A, ten days from now, spanning three days.
    const startsAt = new Date(Date.now() + 10 * DAY)
    const title = `Netwerkweek ${uniq()}`
    const event = await publishedEvent(db, {
      title,
      type: 'NETWERKWEEK',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * DAY),
      audienceLevels: [],
      schoolYears: [],
      organiserIds: [world.a.mbo.id, world.a.hbo.id],
      regionIds: [world.a.region.id],
    })
    const day = toAmsterdam(startsAt).date

    // The coordinator turns on registration with two sessions (the first for 2 people).
    await signInByEmail(page, world.a.coordinator.email)
    await page.goto(`/agenda/${event.id}`)
    await page.getByRole('link', { name: 'Aanmelding' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aanmelding: ${title}`)
    await page.getByRole('checkbox', { name: /Ouders\/verzorgers/ }).check()
    await page.getByRole('checkbox', { name: /Professionals/ }).check()
    for (const [i, s] of [['Workshop beroepen', '09:00', '11:00', 'Zaal 1', '2'], ['Workshop studiekeuze', '13:00', '15:00', 'Zaal 2', '10']].entries()) {
      await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click()
      const row = page.getByTestId('session-row').nth(i)
      await row.getByLabel('Titel').fill(s[0]!)
      await row.getByLabel('Datum').fill(day)
      await row.getByLabel('Begintijd').fill(s[1]!)
      await row.getByLabel('Eindtijd').fill(s[2]!)
      await row.getByLabel('Zaal').fill(s[3]!)
      await row.getByLabel('Capaciteit').fill(s[4]!)
    }
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect(page.getByText('Aanmelding opgeslagen.')).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Workshop beroepen' })).toBeVisible()
    await expectAccessible(page)
    const sessions = await db.registrationSession.findMany({ where: { registration: { eventId: event.id } }, orderBy: { startsAt: 'asc' } })
    expect(sessions.map((s) => [s.title, s.capacity, s.room])).toEqual([['Workshop beroepen', 2, 'Zaal 1'], ['Workshop studiekeuze', 10, 'Zaal 2']])

    // A parent and a pupil register from the public region calendar, on a phone.
    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
    const p = await phone.newPage()
    await p.goto(`/regio/${world.a.region.slug}/agenda?month=${day.slice(0, 7)}`)
    // The booking link is on screen without scrolling a table sideways (a card per entry on a phone).
    const registerLink = p.getByRole('link', { name: 'Aanmelden (12 plaatsen vrij)' })
    const linkBox = (await registerLink.boundingBox())!
    expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(PHONE.width)
    await registerLink.click()
    await expect(p.getByRole('heading', { level: 1 })).toHaveText(`Aanmelden: ${title}`)
    await expectAccessible(p)
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    const parent = `ouder-${uniq()}@example.test`
    await registerOnPhone(p, { audience: /Ouder\/verzorger/, name: 'Petra Ouder', email: parent, sessions: ['Workshop beroepen'] })
    await p.goto(`/aanmelden/${event.id}`)
    const pupil = `leerling-${uniq()}@example.test`
    await registerOnPhone(p, {
      audience: /^Leerling/,
      name: 'Sam Leerling',
      email: pupil,
      sessions: ['Workshop beroepen'],
      fill: async (pg) => {
        await pg.getByRole('combobox', { name: 'School', exact: true }).selectOption({ label: world.a.school.name })
        await pg.getByLabel('Niveau').selectOption({ label: 'havo' })
        await pg.getByLabel('Leerjaar').selectOption('4')
      },
    })
    // Session 1 is now full: the decaan is waitlisted there and gets a place in session 2.
    await p.goto(`/aanmelden/${event.id}`)
    await expect(p.getByText(/vol: wachtlijst/)).toBeVisible()
    const decaan = `decaan-${uniq()}@example.test`
    await registerOnPhone(p, {
      audience: /^Professional/,
      name: 'Dana Decaan',
      email: decaan,
      sessions: ['Workshop beroepen', 'Workshop studiekeuze'],
      fill: async (pg) => {
        await pg.getByRole('combobox', { name: 'School', exact: true }).selectOption({ label: world.a.school.name })
        await pg.getByLabel('Functie').selectOption({ label: 'Decaan' })
      },
    })
    // Each confirms through the mailed link; the pupil's page shows the QR for the door.
    const links: Record<string, string> = {}
    for (const who of [parent, pupil, decaan]) {
      const mail = await waitForMail(who, (m) => m.subject.startsWith('Bevestig je aanmelding'))
      links[who] = firstLink(mail.text, '/aanmelding/')
      // The mail names the real retention period (professionals a year, for their certificate).
      expect(mail.text).toContain(who === decaan ? '365 dagen na de activiteit automatisch gewist' : '30 dagen na de activiteit automatisch gewist')
      await p.goto(links[who]!)
      // Until confirmed, the page says until when the place is held.
      await expect(p.getByTestId('held-until')).toContainText(/We houden je plaats vast tot \S+dag \d+ \S+ om \d\d:\d\d\./)
      await p.getByRole('button', { name: 'Aanmelding bevestigen' }).click()
      // The page reloads with the confirmed status: no PENDING seat left, so no confirm button.
      await expect(p.getByRole('button', { name: 'Aanmelding bevestigen' })).toHaveCount(0)
      await expect(p.getByTestId('seat-status').last()).toHaveText('Bevestigd')
      await expect(p.getByTestId('held-until')).toHaveCount(0)
    }
    await p.goto(links[decaan]!)
    await expect(p.getByTestId('seat-status')).toHaveText(['Wachtlijst', 'Bevestigd'])
    await p.goto(links[pupil]!)
    await expect(p.getByTestId('checkin-qr')).toBeVisible()
    await expectAccessible(p)
    const pupilCode = (await p.getByTestId('checkin-qr').getAttribute('data-code'))!
    await phone.close()

    // The day comes: check-in counts on a session's own day only (server/registration/checkin.ts).
    for (const [i, s] of sessions.slice(0, 2).entries())
      await db.registrationSession.update({ where: { id: s.id }, data: { startsAt: new Date(Date.now() - (2 - i) * 3_600_000), endsAt: new Date(Date.now() + (1 + i) * 3_600_000) } })
    // Check-in on a phone whose camera sees the pupil's QR code.
    const scanner = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(pupilCode)}`],
    })
    const org = await scanner.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: test.info().project.use.baseURL, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', permissions: ['camera'] })
    const o = await org.newPage()
    await signInByEmail(o, world.a.coordinator.email)
    // A slow phone: the page's scripts arrive 2 s after its HTML, so the Scan button is on screen well before React
    // can start the camera (it is disabled until then; a tap on it before hydration used to be lost).
    let slow = true
    await o.route('**/_next/static/chunks/**', async (route) => {
      if (slow) await new Promise((r) => setTimeout(r, 2_000))
      // A request the page gave up on meanwhile (a navigation) cannot be continued: nothing to do then.
      await route.continue().catch(() => {})
    })
    await o.goto(`/agenda/${event.id}/aanmelding/inchecken?session=${sessions[0]!.id}`, { waitUntil: 'commit' })
    await expect(o.getByRole('button', { name: 'Scan QR-code' })).toBeDisabled()
    await expect(o.getByTestId('checkin-count')).toHaveText('0 van 2 aanwezig')
    // The click waits until the button is enabled, i.e. until React has hydrated the page.
    await o.getByRole('button', { name: 'Scan QR-code' }).click()
    await expect(o.getByRole('button', { name: 'Stop scannen' })).toBeVisible()
    await expect(o.getByLabel('Camerabeeld')).toBeVisible()
    slow = false
    // The camera plays (a failure here is the camera, not the decoder); a decoded code shows "Bezig met inchecken…"
    // at once, so a failure below that still reads '' is the decoder, one that reads that line is the server.
    await expect.poll(() => o.getByLabel('Camerabeeld').evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.paused), { timeout: 20_000 }).toBe(true)
    await expectAccessible(o)
    await expect(o.getByTestId('checkin-result')).toHaveText('Sam Leerling is ingecheckt.', { timeout: 30_000 })
    await expect(o.getByTestId('checkin-count')).toHaveText('1 van 2 aanwezig')
    // The code stays in view: it is not sent again, so "already checked in" does not replace the message.
    await o.waitForTimeout(5_000)
    await expect(o.getByTestId('checkin-result')).toHaveText('Sam Leerling is ingecheckt.')
    await o.getByRole('button', { name: 'Stop scannen' }).click()
    // By search: the parent.
    await o.getByLabel('Zoek op naam').fill('Petra')
    await o.getByRole('button', { name: 'Inchecken' }).click()
    await expect(o.getByTestId('checkin-result')).toHaveText('Petra Ouder is ingecheckt.')
    await expect(o.getByTestId('checkin-count')).toHaveText('2 van 2 aanwezig')
    // The decaan in session 2, by search.
    await o.goto(`/agenda/${event.id}/aanmelding/inchecken?session=${sessions[1]!.id}`)
    await o.getByLabel('Zoek op naam').fill('Dana')
    await o.getByRole('button', { name: 'Inchecken' }).click()
    await expect(o.getByTestId('checkin-result')).toHaveText('Dana Decaan is ingecheckt.')
    const seats = await db.registrationSeat.findMany({ where: { session: { registration: { eventId: event.id } }, attendance: 'PRESENT' } })
    expect(seats).toHaveLength(3)
    await scanner.close()

    // The decaan downloads the certificate of participation.
    const d = await browser.newContext()
    const dp = await d.newPage()
    await dp.goto(links[decaan]!)
    const res = await dp.request.get(await dp.getByTestId('certificate').getAttribute('href').then((h) => h!))
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await d.close()
  })
})

test.describe('registration without JavaScript', () => {
  test('a refused submit keeps what the parent sent; a registration lands on its result page, and a reload there registers nobody again', async ({ browser, world, db }) => {
    const startsAt = new Date(Date.now() + 12 * DAY)
    const event = await publishedEvent(db, {
      title: `Ouderavond ${uniq()}`,
      type: 'OUDERAVOND',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      audienceLevels: [],
      schoolYears: [],
      organiserIds: [world.a.mbo.id],
      regionIds: [world.a.region.id],
    })
    // Parents may come with up to 3 people, but the evening's one session has 2 places: a party of 3 never fits,
    // which only the server can tell (the browser's own checks let 3 through).
    await db.registrationEvent.create({
      data: {
        eventId: event.id,
        opensAt: new Date(Date.now() - DAY),
        closesAt: startsAt,
        audiences: { create: [{ kind: 'PARENT', levels: [], schoolYears: [], maxPartySize: 3 }] },
        sessions: { create: [{ title: 'Plenair', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity: 2 }] },
      },
    })
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, baseURL: test.info().project.use.baseURL })
    const p = await ctx.newPage()
    await p.goto(`/aanmelden/${event.id}`)
    const email = `ouder-${uniq()}@example.test`
    await p.getByRole('radio', { name: /Ouder\/verzorger/ }).check()
    await p.getByRole('textbox', { name: 'Naam', exact: true }).fill('Petra Ouder')
    await p.getByLabel('E-mailadres').fill(email)
    await p.getByLabel('Met hoeveel personen kom je?').fill('3')
    await p.getByRole('button', { name: 'Aanmelden' }).click()
    // The page comes back from the server with the message at the field and everything as it was sent.
    await expect(p.getByRole('alert')).toContainText('Met 3 personen pas je hier niet in: er zijn maximaal 2 plaatsen.')
    await expect(p.getByLabel('Met hoeveel personen kom je?')).toHaveAttribute('aria-invalid', 'true')
    await expect(p.getByLabel('Met hoeveel personen kom je?')).toHaveAccessibleDescription(/Met 3 personen pas je hier niet in: er zijn maximaal 2 plaatsen\./)
    await expect(p.getByRole('radio', { name: /Ouder\/verzorger/ })).toBeChecked()
    await expect(p.getByRole('textbox', { name: 'Naam', exact: true })).toHaveValue('Petra Ouder')
    await expect(p.getByLabel('E-mailadres')).toHaveValue(email)
    await expect(p.getByLabel('Met hoeveel personen kom je?')).toHaveValue('3')
    expect(await db.registrant.count({ where: { registration: { eventId: event.id } } })).toBe(0)

    await p.getByLabel('Met hoeveel personen kom je?').fill('2')
    await p.getByRole('button', { name: 'Aanmelden' }).click()
    await expect(p).toHaveURL(new RegExp(`/aanmelden/${event.id}/aangemeld$`))
    await expect(p.getByTestId('registration-done')).toContainText('Bijna klaar: bevestig je aanmelding')
    await p.reload()
    await expect(p.getByTestId('registration-done')).toContainText('Bijna klaar: bevestig je aanmelding')
    expect(await db.registrant.count({ where: { registration: { eventId: event.id } } })).toBe(1)
    // The result page passes axe (which needs JavaScript: a second browser with the same cookies reads it).
    const scan = await browser.newContext({ viewport: PHONE, baseURL: test.info().project.use.baseURL })
    await scan.addCookies(await ctx.cookies())
    const sp = await scan.newPage()
    await sp.goto(`/aanmelden/${event.id}/aangemeld`)
    await expect(sp.getByTestId('registration-done')).toBeVisible()
    await expectAccessible(sp)
    await scan.close()
    // "Nog iemand aanmelden" goes back to an empty form.
    await p.getByRole('link', { name: 'Nog iemand aanmelden' }).click()
    await expect(p).toHaveURL(new RegExp(`/aanmelden/${event.id}$`))
    await expect(p.getByRole('textbox', { name: 'Naam', exact: true })).toHaveValue('')
    await ctx.close()
  })

  test("a pupil's missing school, level or year and overlapping sessions are refused at their own fields, the summary at the top of the form", async ({ browser, world, db }) => {
    const startsAt = new Date(Date.now() + 14 * DAY)
    const hour = 3_600_000
    const event = await publishedEvent(db, {
      title: `Open avond ${uniq()}`,
      type: 'OPEN_DAG',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * hour),
      audienceLevels: [],
      schoolYears: [],
      organiserIds: [world.a.mbo.id],
      regionIds: [world.a.region.id],
    })
    await db.registrationEvent.create({
      data: {
        eventId: event.id,
        opensAt: new Date(Date.now() - DAY),
        closesAt: startsAt,
        audiences: { create: [{ kind: 'PUPIL', levels: [], schoolYears: [] }, { kind: 'PARENT', levels: [], schoolYears: [], maxPartySize: 3 }] },
        sessions: {
          create: [
            { title: 'Rondleiding', startsAt, endsAt: new Date(startsAt.getTime() + hour), capacity: 20 },
            { title: 'Proefles', startsAt: new Date(startsAt.getTime() + hour / 2), endsAt: new Date(startsAt.getTime() + 2 * hour), capacity: 20 },
          ],
        },
      },
    })
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, baseURL: test.info().project.use.baseURL })
    const p = await ctx.newPage()
    await p.goto(`/aanmelden/${event.id}`)
    const email = `leerling-${uniq()}@example.test`
    await p.getByRole('radio', { name: /^Leerling/ }).check()
    await p.getByRole('textbox', { name: 'Naam', exact: true }).fill('Sam Leerling')
    await p.getByLabel('E-mailadres').fill(email)
    await p.getByRole('checkbox', { name: /Rondleiding/ }).check()
    const school = p.getByRole('combobox', { name: 'School', exact: true })
    const submit = async () => {
      await p.getByRole('button', { name: 'Aanmelden' }).click()
      await expect(p.getByRole('alert')).toBeVisible()
      // Without JavaScript the page comes back at its top: the summary is the form's first element, above the fields.
      const [alert, audience] = [await p.getByRole('alert').boundingBox(), await p.getByRole('radio', { name: /^Leerling/ }).boundingBox()]
      expect(alert!.y).toBeLessThan(audience!.y)
    }
    // No school: the school field is invalid, with its own message.
    await submit()
    await expect(school).toHaveAttribute('aria-invalid', 'true')
    await expect(school).toHaveAccessibleDescription('Kies een school.')
    // A school but no level and year: both are marked, the school no longer.
    await school.selectOption({ label: world.a.school.name })
    await submit()
    await expect(school).not.toHaveAttribute('aria-invalid')
    for (const name of ['Niveau', 'Leerjaar']) {
      await expect(p.getByRole('combobox', { name, exact: true })).toHaveAttribute('aria-invalid', 'true')
      await expect(p.getByRole('combobox', { name, exact: true })).toHaveAccessibleDescription('Vul niveau en leerjaar in.')
    }
    // Overlapping sessions: the sessions' group carries the message, its boxes are invalid.
    await p.getByRole('combobox', { name: 'Niveau', exact: true }).selectOption({ index: 1 })
    await p.getByRole('combobox', { name: 'Leerjaar', exact: true }).selectOption({ index: 1 })
    await p.getByRole('checkbox', { name: /Proefles/ }).check()
    await submit()
    await expect(p.getByRole('group', { name: 'Programmaonderdelen' })).toHaveAccessibleDescription(/overlappen in tijd/)
    await expect(p.getByRole('checkbox', { name: /Proefles/ })).toHaveAttribute('aria-invalid', 'true')
    expect(await db.registrant.count({ where: { registration: { eventId: event.id } } })).toBe(0)
    await ctx.close()

    // With JavaScript: the same field message, the summary takes focus, and the refused form passes axe.
    const js = await browser.newContext({ viewport: PHONE, baseURL: test.info().project.use.baseURL })
    const q = await js.newPage()
    await q.goto(`/aanmelden/${event.id}`)
    await q.getByRole('radio', { name: /^Leerling/ }).check()
    await q.getByRole('textbox', { name: 'Naam', exact: true }).fill('Sam Leerling')
    await q.getByLabel('E-mailadres').fill(email)
    await q.getByRole('checkbox', { name: /Rondleiding/ }).check()
    await q.getByRole('button', { name: 'Aanmelden' }).click()
    await expect(q.getByRole('alert').filter({ hasText: 'Kies een school.' })).toBeFocused()
    await expect(q.getByRole('combobox', { name: 'School', exact: true })).toHaveAccessibleDescription('Kies een school.')
    await expectAccessible(q)
    await js.close()
  })
})

/** A published event of region A with open registration for parents: one session of one place, a parent holding it (confirmed) and one waiting. */
async function fullSessionWithWaiting(db: Db, world: World) {
  const startsAt = new Date(Date.now() + 10 * DAY)
  const event = await publishedEvent(db, { title: `Open avond ${uniq()}`, type: 'NETWERKWEEK', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), audienceLevels: [], schoolYears: [], organiserIds: [world.a.mbo.id], regionIds: [world.a.region.id] })
  const registration = await db.registrationEvent.create({
    data: {
      eventId: event.id,
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(startsAt.getTime() - DAY),
      audiences: { create: [{ kind: 'PARENT', maxPartySize: 2, confirmedCount: 2 }] },
      sessions: { create: [{ title: 'Rondleiding', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), room: 'Zaal 1', capacity: 1, confirmedCount: 1 }] },
    },
    include: { sessions: true },
  })
  const session = registration.sessions[0]!
  const parent = async (name: string, status: 'CONFIRMED' | 'WAITLISTED' | 'PENDING') => {
    const { token, hash } = newLinkToken()
    const email = `${name.split(' ')[0]!.toLowerCase()}-${uniq()}@example.test`
    await db.registrant.create({
      data: {
        registrationId: registration.id,
        audience: 'PARENT',
        name,
        email,
        locale: 'nl',
        confirmedAt: status === 'PENDING' ? null : new Date(),
        tokenHash: hash,
        checkinCode: `c${uniq()}`,
        seats: { create: [{ sessionId: session.id, status, waitlistedAt: status === 'WAITLISTED' ? new Date() : null, offerExpiresAt: status === 'PENDING' ? new Date(Date.now() + DAY) : null }] },
      },
    })
    return { token, email }
  }
  return { event, parent }
}

test.describe('the registration link page', () => {
  test('cancelling says so and mails a cancellation; the waiting parent is offered the place with a new link, and their earlier link says a newer mail may carry it', async ({ browser, world, db }) => {
    const { event, parent } = await fullSessionWithWaiting(db, world)
    const holder = await parent('Gert Ouder', 'CONFIRMED')
    const waiting = await parent('Otto Ouder', 'WAITLISTED')
    const ctx = await browser.newContext({ viewport: PHONE })
    const page = await ctx.newPage()
    await page.goto(`/aanmelding/${waiting.token}`)
    await expect(page.getByTestId('seat-status')).toHaveText('Wachtlijst')
    await page.goto(`/aanmelding/${holder.token}`)
    const cancel = page.getByRole('button', { name: 'Aanmelding annuleren' })
    await expectHydrated(cancel)
    await cancel.press('Enter')
    await page.getByRole('button', { name: 'Ja, annuleren' }).press('Enter')
    const done = page.getByRole('status').filter({ hasText: 'Je aanmelding is geannuleerd. Je krijgt een bevestiging per e-mail.' })
    await expect(done).toBeFocused()
    await expect(page.getByText('Gelukt.')).toHaveCount(0)
    const mail = await waitForMail(holder.email, (m) => m.subject === `Afgemeld: ${event.title}`)
    expect(mail.text).toContain(`Je afmelding voor ${event.title} is verwerkt. Dit is geannuleerd:`)
    expect(mail.text).toContain('- Rondleiding: ')
    await expectAccessible(page)
    // The waiting parent: the offer's mail has a new link and says so; the earlier link's 404 says a newer mail may carry it.
    const offer = await waitForMail(waiting.email, (m) => m.subject === `Er is een plaats vrij: ${event.title}`)
    expect(offer.text).toContain('Deze link vervangt de link uit je eerdere e-mails over deze aanmelding.')
    const res = await page.goto(`/aanmelding/${waiting.token}`)
    expect(res?.status()).toBe(404)
    await expect(page.getByRole('main')).toContainText('Heb je later nog een e-mail over deze aanmelding gekregen, bijvoorbeeld omdat er een plaats voor je vrijkwam? Dan werkt alleen de link in die nieuwste e-mail.')
    await expectAccessible(page)
    await page.goto(firstLink(offer.text, '/aanmelding/'))
    await expect(page.getByTestId('seat-status')).toHaveText('Plek aangeboden')
    await ctx.close()
  })
})

test.describe('the registration link page before confirmation', () => {
  test('while the place waits for confirmation the QR hint says it counts once confirmed; after confirming, to show it at the door', async ({ browser, world, db }) => {
    const { parent } = await fullSessionWithWaiting(db, world)
    const pending = await parent('Pien Ouder', 'PENDING')
    const ctx = await browser.newContext({ viewport: PHONE })
    const page = await ctx.newPage()
    await page.goto(`/aanmelding/${pending.token}`)
    await expect(page.getByTestId('qr-hint')).toHaveText('Deze QR-code geldt bij de ingang zodra je aanmelding bevestigd is.')
    await expectAccessible(page)
    const confirm = page.getByRole('button', { name: 'Aanmelding bevestigen' })
    await expectHydrated(confirm)
    await confirm.click()
    await expect(page.getByTestId('seat-status')).toHaveText('Bevestigd')
    await expect(page.getByTestId('qr-hint')).toHaveText('Laat deze QR-code zien bij de ingang.')
    await ctx.close()
  })
})
