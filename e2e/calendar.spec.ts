import ical from 'node-ical'
import { test, expect, signInByEmail, expectAccessible } from './support/fixtures.ts'

test.describe('calendar', () => {
  test('staff propose an event, the coordinator approves it, it appears on the public region page and in the feeds', async ({ page, world, request }) => {
    const title = `Open dag havo/vwo ${Date.now().toString(36)}`
    const region = world.a.region

    // Staff: the calendar views and the form pass axe; the draft is created and proposed.
    await signInByEmail(page, world.a.staff.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Agenda' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Regionale agenda' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe activiteit' })).toBeVisible()
    await expectAccessible(page)

    // Bad input first: end before start is refused in Dutch, nothing is created.
    await page.getByLabel('Titel').fill(title)
    await page.getByRole('checkbox', { name: world.a.school.name }).check()
    await page.getByRole('checkbox', { name: 'havo' }).check()
    await page.getByRole('checkbox', { name: 'vwo' }).check()
    await page.getByLabel('Begindatum').fill('2027-03-13')
    await page.getByLabel('Begintijd').fill('10:00')
    await page.getByLabel('Einddatum').fill('2027-03-13')
    await page.getByLabel('Eindtijd').fill('09:00')
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByText('Het einde moet na het begin liggen.')).toBeVisible()
    await page.getByLabel('Eindtijd').fill('13:00')
    await page.getByLabel('Adres').fill('Schoolstraat 1, Utrecht')
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()

    await expect(page).toHaveURL(/\/agenda\/[a-z0-9]+$/)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(page.getByTestId('event-when')).toContainText('zaterdag 13 maart 2027 10:00 – 13:00')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Voorstellen aan de regio' }).click()
    await expect(page.getByText('Voorgesteld aan de regio.')).toBeVisible()
    await expect(page.getByTestId('event-regions')).toContainText('Wacht op beoordeling')
    const eventId = page.url().split('/').pop()!

    // Coordinator: finds it in the review queue and publishes it.
    await page.context().clearCookies()
    await signInByEmail(page, world.a.coordinator.email)
    await page.goto('/agenda/manage')
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn activiteiten en beoordelen' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('table', { name: 'Voorgestelde activiteiten die op jouw beoordeling wachten' }).getByRole('link', { name: title }).click()
    await page.getByRole('button', { name: `Publiceren in ${region.name}` }).click()
    await expect(page.getByText('Gepubliceerd.', { exact: true })).toBeVisible()
    await expect(page.getByTestId('event-regions')).toContainText('Gepubliceerd')

    // Month, week and list views show it.
    await page.goto(`/agenda?region=${region.id}&view=month&date=2027-03-13`)
    await expect(page.getByTestId('month-view').getByRole('link', { name: title })).toBeVisible()
    await page.goto(`/agenda?region=${region.id}&view=week&date=2027-03-13`)
    await expect(page.getByTestId('week-view').getByRole('link', { name: title })).toBeVisible()
    await expectAccessible(page)
    await page.goto(`/agenda?region=${region.id}&view=list&date=2027-03-01&level=havo`)
    await expect(page.getByRole('table').getByRole('link', { name: title })).toBeVisible()
    await expectAccessible(page)

    // Personal feed: created on the manage page, works, and is 404 after revoking.
    await page.goto('/agenda/manage')
    await page.getByLabel('Omschrijving (bijvoorbeeld: Outlook werk)').fill('Outlook')
    await page.getByRole('button', { name: 'Persoonlijke feed aanmaken' }).click()
    const feedUrl = (await page.getByTestId('feed-url').textContent())!.trim()
    const personal = await request.get(feedUrl)
    expect(personal.status()).toBe(200)
    expect(Object.values(ical.sync.parseICS(await personal.text())).some((c) => c?.type === 'VEVENT' && c.uid === `${eventId}@overstap.nl`)).toBe(true)
    await page.getByRole('button', { name: 'Intrekken' }).click()
    await expect(page.getByText('Feed ingetrokken.')).toBeVisible()
    expect((await request.get(feedUrl)).status()).toBe(404)

    // Public region page without sign-in, and the region's ICS feed.
    await page.context().clearCookies()
    await page.goto(`/regio/${region.slug}/agenda?month=2027-03`)
    await expect(page.getByRole('heading', { level: 1, name: `Agenda ${region.name}` })).toBeVisible()
    await expect(page.getByRole('table').getByText(title)).toBeVisible()
    await expectAccessible(page)
    const feed = await request.get(`/api/calendar/region/${region.slug}.ics`)
    expect(feed.headers()['content-type']).toContain('text/calendar')
    const vevent = Object.values(ical.sync.parseICS(await feed.text())).find((c) => c?.type === 'VEVENT' && c.uid === `${eventId}@overstap.nl`) as ical.VEvent
    expect(vevent.summary).toBe(title)
    expect(vevent.start.toISOString()).toBe('2027-03-13T09:00:00.000Z')
  })

  test('another region’s event page is forbidden; an unknown region page is 404', async ({ page, world, db }) => {
    const other = await db.calendarEvent.create({
      data: {
        title: 'Proefstuderen in regio A',
        type: 'PROEFSTUDEREN',
        status: 'PROPOSED',
        startsAt: new Date('2027-04-07T12:00:00Z'),
        endsAt: new Date('2027-04-07T15:00:00Z'),
        audienceLevels: ['havo'],
        organisers: { create: [{ organisationId: world.a.mbo.id }] },
        regions: { create: [{ regionId: world.a.region.id }] },
      },
    })
    await signInByEmail(page, world.b.coordinator.email)
    const forbidden = await page.goto(`/agenda/${other.id}`)
    expect(forbidden?.status()).toBe(403)
    await expect(page.getByText('Proefstuderen in regio A')).toHaveCount(0)
    const res = await page.goto(`/agenda?region=${world.a.region.id}`)
    // The picker only offers the coordinator's own region: region A's id falls back to region B.
    expect(res?.status()).toBe(200)
    await expect(page.getByLabel('Regio')).toHaveValue(world.b.region.id)
    const missing = await page.goto('/regio/bestaat-niet/agenda')
    expect(missing?.status()).toBe(404)
  })
})
