import type { Browser, Locator, Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible, expectHydrated } from './support/fixtures.ts'
import { publishedSlot } from './support/slots.ts'
import { publishedEvent } from './support/calendar.ts'
import type { Db, World } from './support/fixtures.ts'
import { uniq } from '../server/db/factories.ts'
import { newLinkToken } from '../server/lib/link-token.ts'

/**
 * Destructive buttons on the link pages ask first (declining an offered place as cancelling does, with and without
 * JavaScript), and after a submit keyboard and screen-reader focus lands on what the action answered, not on <body>:
 * the submit button was disabled while the request ran, or it is gone from the refreshed page. Also: an empty name
 * is "required" like every other field, and the calendar's and inbox's navigation links are comfortable to tap.
 */
const PHONE = { width: 360, height: 740 }
const DAY = 86_400_000
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

async function phonePage(browser: Browser, opts: { javaScript?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, baseURL: test.info().project.use.baseURL, javaScriptEnabled: opts.javaScript ?? true })
  return ctx.newPage()
}

/** Presses a button from the keyboard (as a keyboard or screen-reader user does), once React has hydrated it. */
async function press(button: Locator) {
  await expectHydrated(button)
  await button.press('Enter')
}

/** A slot of institution A, 20 days ahead, with one booking per status given, each with its own link token. */
async function slotWithBookings(db: Db, world: World, statuses: ('OFFERED' | 'PENDING')[]) {
  const { programme, slot } = await publishedSlot(db, { organisationId: world.a.mbo.id, capacity: statuses.length + 1, data: { confirmedCount: statuses.length } })
  const bookings = []
  for (const [i, status] of statuses.entries()) {
    const { token, hash } = newLinkToken()
    const b = await db.slotBooking.create({
      data: { slotId: slot.id, organisationId: world.a.mbo.id, programmeId: programme.id, pupilName: `Leerling ${i}`, pupilEmail: `l${i}-${uniq()}@example.test`, schoolId: world.a.school.id, level: 'HAVO', year: 4, status, offerExpiresAt: new Date(Date.now() + DAY), tokenHash: hash, locale: 'nl' },
    })
    bookings.push({ id: b.id, token })
  }
  return { slot, bookings }
}

/** A published event of region A with open registration for parents, two full sessions, and a parent offered a seat in each. */
async function registrationWithOffers(db: Db, world: World) {
  const startsAt = new Date(Date.now() + 10 * DAY)
  const title = `Open dag ${uniq()}`
  const event = await publishedEvent(db, {
    title,
    type: 'NETWERKWEEK',
    startsAt,
    endsAt: new Date(startsAt.getTime() + DAY),
    audienceLevels: [],
    schoolYears: [],
    organiserIds: [world.a.mbo.id],
    regionIds: [world.a.region.id],
  })
  const registration = await db.registrationEvent.create({
    data: {
      eventId: event.id,
      opensAt: new Date(Date.now() - DAY),
      closesAt: new Date(startsAt.getTime() - DAY),
      audiences: { create: [{ kind: 'PARENT', maxPartySize: 2, confirmedCount: 1 }] },
      sessions: {
        create: ['Rondleiding', 'Proefles'].map((t, i) => ({ title: t, startsAt: new Date(startsAt.getTime() + i * 3_600_000), endsAt: new Date(startsAt.getTime() + (i + 1) * 3_600_000), room: `Zaal ${i + 1}`, capacity: 1, confirmedCount: 1 })),
      },
    },
    include: { sessions: { orderBy: { startsAt: 'asc' } } },
  })
  const { token, hash } = newLinkToken()
  const registrant = await db.registrant.create({
    data: {
      registrationId: registration.id,
      audience: 'PARENT',
      name: 'Petra Ouder',
      email: `ouder-${uniq()}@example.test`,
      confirmedAt: new Date(),
      tokenHash: hash,
      checkinCode: `c${uniq()}`,
      seats: { create: registration.sessions.map((s) => ({ sessionId: s.id, status: 'OFFERED' as const, offerExpiresAt: new Date(Date.now() + DAY) })) },
    },
    include: { seats: true },
  })
  return { event, token, registrant, sessions: registration.sessions }
}

test.describe('destructive link buttons ask first', () => {
  test('declining an offered place on the booking link asks, keeps the place on "no", and says it was declined (keyboard focus follows)', async ({ browser, world, db }) => {
    const { bookings } = await slotWithBookings(db, world, ['OFFERED'])
    const [b] = bookings
    const page = await phonePage(browser)
    await page.goto(`/boeking/${b!.token}`)
    await expect(page.getByTestId('booking-status')).toHaveText('Plek aangeboden')
    const decline = page.getByRole('button', { name: 'Plek afslaan' })
    await press(decline)
    await expect(page.getByText('Weet je het zeker? De plek gaat dan naar een andere leerling.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Nee, behouden' })).toBeFocused()
    await expectAccessible(page)
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('OFFERED') // asking changes nothing
    // "No" closes the question and gives focus back to the button
    await page.getByRole('button', { name: 'Nee, behouden' }).press('Enter')
    await expect(page.getByText('Weet je het zeker? De plek gaat dan naar een andere leerling.')).toHaveCount(0)
    await expect(decline).toBeFocused()
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('OFFERED')
    // "Yes" declines, with its own message, which takes focus
    await decline.press('Enter')
    await page.getByRole('button', { name: 'Ja, plek afslaan' }).press('Enter')
    await expect(page.getByTestId('booking-status')).toHaveText('Afgeslagen')
    const done = page.getByRole('status').filter({ hasText: 'Je hebt de plek afgeslagen.' })
    await expect(done).toBeVisible()
    await expect(done).toBeFocused()
    await expect(page.getByText('Gelukt.')).toHaveCount(0)
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('DECLINED')
    await page.context().close()
  })

  test('without JavaScript the server asks the decline question first, then declines', async ({ browser, world, db }) => {
    const { bookings } = await slotWithBookings(db, world, ['OFFERED'])
    const [b] = bookings
    const page = await phonePage(browser, { javaScript: false })
    await page.goto(`/boeking/${b!.token}`)
    await page.getByRole('button', { name: 'Plek afslaan' }).click()
    await expect(page.getByText('Weet je het zeker? De plek gaat dan naar een andere leerling.')).toBeVisible()
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('OFFERED')
    await page.getByRole('button', { name: 'Ja, plek afslaan' }).click()
    await expect(page.getByText('Je hebt de plek afgeslagen.')).toBeVisible()
    expect((await db.slotBooking.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('DECLINED')
    await page.context().close()
  })

  test('the registration link asks per offered seat before declining it, and says it was declined', async ({ browser, world, db }) => {
    const { token, registrant, sessions } = await registrationWithOffers(db, world)
    const seatOf = (sessionId: string) => registrant.seats.find((s) => s.sessionId === sessionId)!.id
    const page = await phonePage(browser)
    await page.goto(`/aanmelding/${token}`)
    const declines = page.getByRole('button', { name: 'Afslaan', exact: true })
    await expect(declines).toHaveCount(2)
    // Each seat's button opens its own question (naming the session); opening another closes the first
    await press(declines.first())
    await expect(page.getByText(`Weet je zeker dat je je plaats voor ${sessions[0]!.title} wilt afslaan?`)).toBeVisible()
    await expect(page.getByText(`Weet je zeker dat je je plaats voor ${sessions[1]!.title} wilt afslaan?`)).toHaveCount(0)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Nee, behouden' }).press('Enter')
    await expect(page.getByText(/wilt afslaan\?/)).toHaveCount(0)
    expect(await db.registrationSeat.count({ where: { registrantId: registrant.id, status: 'OFFERED' } })).toBe(2)
    await press(page.getByRole('button', { name: 'Afslaan', exact: true }).last())
    await expect(page.getByText(`Weet je zeker dat je je plaats voor ${sessions[1]!.title} wilt afslaan?`)).toBeVisible()
    await page.getByRole('button', { name: 'Ja, afslaan' }).press('Enter')
    const done = page.getByRole('status').filter({ hasText: 'Je hebt de plaats afgeslagen.' })
    await expect(done).toBeFocused()
    await expect(page.getByRole('button', { name: 'Afslaan', exact: true })).toHaveCount(1)
    expect((await db.registrationSeat.findUniqueOrThrow({ where: { id: seatOf(sessions[1]!.id) } })).status).toBe('DECLINED')
    expect((await db.registrationSeat.findUniqueOrThrow({ where: { id: seatOf(sessions[0]!.id) } })).status).toBe('OFFERED')
    await page.context().close()
  })
})

test.describe('focus after a submit', () => {
  test('public slot booking: an empty submit focuses the error and an empty name is "required"; a booking focuses its result', async ({ browser, world, db }) => {
    const { slot } = await slotWithBookings(db, world, [])
    const page = await phonePage(browser)
    await page.goto(`/instelling/${world.a.mbo.brin}/proefstuderen/${slot.id}`)
    const form = page.getByRole('form', { name: 'Aanmelden' })
    for (const name of ['', '   ']) {
      await form.getByLabel('Je naam').fill(name)
      await press(form.getByRole('button', { name: 'Aanmelden' }))
      await expect(form.getByRole('alert')).toBeFocused()
      await expect(form.getByLabel('Je naam')).toHaveAccessibleDescription('Dit veld is verplicht.')
      await expect(form.getByText(/Vul alleen je naam in/)).toHaveCount(0)
    }
    await form.getByLabel('Je naam').fill('Lotte Leerling')
    await form.getByLabel('Je e-mailadres').fill(`lotte-${uniq()}@example.test`)
    await form.getByRole('combobox', { name: /^Je school/ }).selectOption({ label: `${world.a.school.name} (${world.a.school.city})` })
    await form.getByLabel('Je niveau').selectOption({ label: 'havo' })
    await press(form.getByRole('button', { name: 'Aanmelden' }))
    const result = page.getByTestId('booking-result')
    await expect(result.getByRole('heading')).toBeFocused()
    await expectAccessible(page)
    await page.context().close()
  })

  test('booking link: confirming and cancelling focus the result', async ({ browser, world, db }) => {
    const { bookings } = await slotWithBookings(db, world, ['PENDING'])
    const page = await phonePage(browser)
    await page.goto(`/boeking/${bookings[0]!.token}`)
    await press(page.getByRole('button', { name: 'Bevestig je aanmelding' }))
    await expect(page.getByTestId('booking-status')).toHaveText('Bevestigd')
    await expect(page.getByRole('status').filter({ hasText: 'Je aanmelding is bevestigd.' })).toBeFocused()
    await press(page.getByRole('button', { name: 'Aanmelding annuleren' }))
    await page.getByRole('button', { name: 'Ja, annuleren' }).press('Enter')
    await expect(page.getByTestId('booking-status')).toHaveText('Geannuleerd')
    await expect(page.getByRole('status').filter({ hasText: 'Je aanmelding is geannuleerd.' })).toBeFocused()
    await page.context().close()
  })

  test('event registration form: an empty submit focuses the error; an empty name is "required"', async ({ browser, world, db }) => {
    const { event } = await registrationWithOffers(db, world)
    const page = await phonePage(browser)
    await page.goto(`/aanmelden/${event.id}`)
    await press(page.getByRole('button', { name: 'Aanmelden' }))
    await expect(page.getByRole('alert').filter({ hasText: 'Controleer de ingevulde gegevens.' })).toBeFocused()
    await expect(page.getByRole('textbox', { name: 'Naam', exact: true })).toHaveAccessibleDescription('Dit veld is verplicht.')
    await page.context().close()
  })

  test('publishing an event in the region: the button goes, focus lands on "Gepubliceerd."', async ({ page, world, db }) => {
    const day = dayFromNow(30)
    const ev = await publishedEvent(db, { title: `Open middag ${uniq()}`, type: 'PROEFSTUDEREN', status: 'PROPOSED', day, from: '14:00', to: '17:00', audienceLevels: ['havo'], organiserIds: [world.a.mbo.id], regionIds: [world.a.region.id] })
    await signInAs(page, world.a.coordinator.email)
    await page.goto(`/agenda/${ev.id}`)
    const publish = page.getByRole('button', { name: `Publiceren in ${world.a.region.name}` })
    await press(publish)
    await expect(publish).toHaveCount(0)
    await expect(page.getByRole('status').filter({ hasText: /^Gepubliceerd\.$/ })).toBeFocused()
  })
})

test.describe('tap targets on a phone', () => {
  test('the calendar’s month navigation and the inbox filters are at least 44 px high at 360 px', async ({ browser, world }) => {
    const page = await phonePage(browser)
    await page.goto(`/regio/${world.a.region.slug}/agenda`)
    for (const name of ['Vorige', 'Volgende']) expect((await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name, exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await signInAs(page, world.a.coordinator.email)
    await page.goto('/agenda')
    for (const name of ['Vorige', 'Volgende', 'Vandaag']) expect((await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name, exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await page.goto('/meldingen')
    for (const name of ['Alle meldingen', 'Alleen ongelezen']) expect((await page.getByRole('main').getByRole('link', { name, exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await page.context().close()
  })
})
