import ical from 'node-ical'
import type { Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible, type Db, type World } from './support/fixtures.ts'
import { publishedEvent } from './support/calendar.ts'
import { formatAmsterdam, fromAmsterdam } from '../server/lib/time.ts'
import { daysFromToday, nextWeekday, today } from '../server/calendar/test-dates.ts'
import { weekStart } from '../server/calendar/time.ts'

// Every date is relative to today, so the suite passes whatever the date (the feeds cover the last 180 days).

/** Axe at desktop width and at a 360 px phone, and no horizontal scrolling on the phone. */
async function expectAccessibleAtBothSizes(page: Page) {
  await expectAccessible(page)
  const size = page.viewportSize()!
  await page.setViewportSize({ width: 360, height: 800 })
  await expectAccessible(page)
  await page.setViewportSize(size)
}

/** An event of region A's school, published there (as if proposed and approved earlier). */
function schoolOpenDay(db: Db, world: World, title: string, invite: string[] = []) {
  return publishedEvent(db, {
    title,
    day: nextWeekday(3, 21),
    from: '14:00',
    to: '16:00',
    audienceLevels: ['havo'],
    organiserIds: [world.a.school.id],
    regionIds: [world.a.region.id],
    data: { createdById: world.a.staff.id, invitations: { create: invite.map((organisationId) => ({ organisationId })) } },
  })
}

test.describe('calendar', () => {
  // Several sign-ins and axe scans at two widths per test, on two shared cores.
  test.describe.configure({ timeout: 300_000 })

  test('staff propose an event, the coordinator approves it, it appears on the public region page and in the feeds', async ({ page, world, request }) => {
    const title = `Open dag havo/vwo ${Date.now().toString(36)}`
    const region = world.a.region
    const day = nextWeekday(6, 14) // a Saturday at least two weeks ahead

    // Staff: the calendar views and the form pass axe; the draft is created and proposed.
    await signInAs(page, world.a.staff.email)
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
    await page.getByLabel('Begindatum').fill(day)
    await page.getByLabel('Begintijd').fill('10:00')
    await page.getByLabel('Einddatum').fill(day)
    await page.getByLabel('Eindtijd').fill('09:00')
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()
    await expect(page.getByText('Het einde moet na het begin liggen.')).toBeVisible()
    await page.getByLabel('Eindtijd').fill('13:00')
    await page.getByLabel('Adres').fill('Schoolstraat 1, Utrecht')
    await page.getByRole('button', { name: 'Opslaan als concept' }).click()

    await expect(page).toHaveURL(/\/agenda\/[a-z0-9]+$/)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(page).toHaveTitle(`${title} · Overstap`)
    // A draft never proposed does not wait for anyone yet.
    await expect(page.getByTestId('event-regions')).toContainText('Nog niet voorgesteld')
    await expect(page.getByTestId('event-regions')).not.toContainText('Wacht op beoordeling')
    await expect(page.getByTestId('event-when')).toContainText(`${formatAmsterdam(fromAmsterdam(day), 'EEEE d MMMM yyyy')} 10:00 – 13:00`)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Voorstellen aan de regio' }).click()
    await expect(page.getByText('Voorgesteld aan de regio.')).toBeVisible()
    await expect(page.getByTestId('event-regions')).toContainText('Wacht op beoordeling')
    // Once proposed the staff member is not offered to propose again.
    await expect(page.getByRole('button', { name: 'Voorstellen aan de regio' })).toHaveCount(0)
    const eventId = page.url().split('/').pop()!

    // Coordinator: finds it in the review queue and publishes it.
    await page.context().clearCookies()
    await signInAs(page, world.a.coordinator.email)
    await page.goto('/agenda/manage')
    await expect(page.getByRole('heading', { level: 1, name: 'Mijn activiteiten en beoordelen' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('table', { name: 'Voorgestelde activiteiten die op jouw beoordeling wachten' }).getByRole('link', { name: title }).click()
    await page.getByRole('button', { name: `Publiceren in ${region.name}` }).click()
    await expect(page.getByText('Gepubliceerd.', { exact: true })).toBeVisible()
    await expect(page.getByTestId('event-regions')).toContainText('Gepubliceerd')

    // Month, week and list views show it.
    await page.goto(`/agenda?region=${region.id}&view=month&date=${day}`)
    await expect(page.getByTestId('month-view').getByRole('link', { name: title })).toBeVisible()
    // Dutch weekday abbreviations from the locale: ma di wo do vr za zo.
    await expect(page.getByTestId('month-view').locator('thead th span[aria-hidden="true"]')).toHaveText(['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'])
    await page.goto(`/agenda?region=${region.id}&view=week&date=${day}`)
    await expect(page.getByTestId('week-view').getByRole('link', { name: title })).toBeVisible()
    await expectAccessible(page)
    await page.goto(`/agenda?region=${region.id}&view=list&date=${daysFromToday(1)}&level=havo`)
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
    // revoking asks first: dismissed, the feed still works; accepted, it is gone
    page.once('dialog', (d) => d.dismiss())
    await page.getByRole('button', { name: 'Intrekken' }).click()
    expect((await request.get(feedUrl)).status()).toBe(200)
    page.once('dialog', (d) => {
      expect(d.message()).toContain('Deze feed intrekken?')
      void d.accept()
    })
    await page.getByRole('button', { name: 'Intrekken' }).click()
    await expect(page.getByText('Feed ingetrokken.')).toBeVisible()
    expect((await request.get(feedUrl)).status()).toBe(404)

    // Public region page without sign-in, and the region's ICS feed.
    await page.context().clearCookies()
    await page.goto(`/regio/${region.slug}/agenda?month=${day.slice(0, 7)}`)
    await expect(page.getByRole('heading', { level: 1, name: `Agenda ${region.name}` })).toBeVisible()
    await expect(page.getByRole('table').getByText(title)).toBeVisible()
    await expectAccessible(page)
    const feed = await request.get(`/api/calendar/region/${region.slug}.ics`)
    expect(feed.headers()['content-type']).toContain('text/calendar')
    const vevent = Object.values(ical.sync.parseICS(await feed.text())).find((c) => c?.type === 'VEVENT' && c.uid === `${eventId}@overstap.nl`) as ical.VEvent
    expect(vevent.summary).toBe(title)
    expect(vevent.start.toISOString()).toBe(fromAmsterdam(day, '10:00').toISOString())
  })

  test('another region’s event page is forbidden; an unknown region page is 404', async ({ page, world, db }) => {
    const other = await publishedEvent(db, { title: 'Proefstuderen in regio A', type: 'PROEFSTUDEREN', status: 'PROPOSED', day: daysFromToday(30), from: '14:00', to: '17:00', audienceLevels: ['havo'], organiserIds: [world.a.mbo.id], regionIds: [world.a.region.id] })
    await signInAs(page, world.b.coordinator.email)
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
  test('a staff edit of a published event waits: the public keeps the old title until the coordinator publishes the change from the queue', async ({ page, world, db }) => {
    const region = world.a.region
    const tag = Date.now().toString(36)
    const [oldTitle, newTitle] = [`Open middag ${tag}`, `Open middag met proeflessen ${tag}`]
    const ev = await schoolOpenDay(db, world, oldTitle)
    const month = ev.startsAt.toISOString().slice(0, 7)
    const publicTitles = async () => {
      await page.goto(`/regio/${region.slug}/agenda?month=${month}`)
      return page.getByRole('table').innerText()
    }

    await signInAs(page, world.a.staff.email)
    await page.goto(`/agenda/${ev.id}/edit`)
    await page.getByLabel('Titel').fill(newTitle)
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
    await expect(page.getByText('Wijziging opgeslagen. Ze wacht op beoordeling door de coördinator')).toBeVisible()

    // The public calendar still shows the approved title.
    await page.context().clearCookies()
    expect(await publicTitles()).toContain(oldTitle)
    expect(await publicTitles()).not.toContain(newTitle)

    // The coordinator sees old → new in the queue and publishes it there.
    await signInAs(page, world.a.coordinator.email)
    await page.goto('/agenda/manage')
    const item = page.getByTestId('revision-queue').getByRole('listitem').filter({ has: page.getByRole('link', { name: oldTitle }) })
    const row = item.getByRole('table', { name: `Voorgestelde wijzigingen: oud en nieuw: ${oldTitle}` }).getByRole('row', { name: /Titel/ })
    await expect(row.getByTestId('revision-before')).toHaveText(oldTitle)
    await expect(row.getByTestId('revision-after')).toHaveText(newTitle)
    await expectAccessibleAtBothSizes(page)
    await item.getByRole('button', { name: `Wijziging publiceren in ${region.name}` }).click()
    await expect(page.getByText(`${oldTitle}: Wijziging gepubliceerd.`)).toBeVisible()
    await expect(page.getByTestId('revision-queue').getByRole('link', { name: oldTitle })).toHaveCount(0)
    await expectAccessibleAtBothSizes(page)

    await page.context().clearCookies()
    expect(await publicTitles()).toContain(newTitle)
  })

  test('the invited organisation’s staff accept one invitation on the manage page and decline another on the event page after confirming', async ({ page, world, db }) => {
    const tag = Date.now().toString(36)
    const [first, second] = [await schoolOpenDay(db, world, `Samen open dag ${tag}`, [world.a.mbo.id]), await schoolOpenDay(db, world, `Samen ouderavond ${tag}`, [world.a.mbo.id])]
    await signInAs(page, world.a.publisher.email)
    await page.goto('/agenda/manage')
    const invitations = page.getByRole('table', { name: 'Openstaande uitnodigingen om mee te organiseren' })
    await expect(invitations.getByRole('link', { name: first.title })).toBeVisible()
    await expectAccessibleAtBothSizes(page)
    await invitations.getByRole('button', { name: `Uitnodiging voor ${first.title} accepteren namens ${world.a.mbo.name}` }).click()
    // Accepting a published event is itself a change the coordinator publishes.
    await expect(page.getByText(`Geaccepteerd. ${world.a.mbo.name} staat als mede-organisator bij "${first.title}" zodra de coördinator de wijziging publiceert.`)).toBeVisible()
    await expect(invitations.getByRole('link', { name: first.title })).toHaveCount(0)
    await expectAccessibleAtBothSizes(page)

    // On the event page: dismissing the confirmation keeps the invitation, confirming declines it.
    await page.goto(`/agenda/${second.id}`)
    const box = page.getByTestId('event-invitation')
    await expect(box).toContainText('Jouw organisatie is uitgenodigd als mede-organisator')
    await expectAccessibleAtBothSizes(page)
    const decline = box.getByRole('button', { name: `Uitnodiging voor ${second.title} afwijzen namens ${world.a.mbo.name}` })
    page.once('dialog', (d) => void d.dismiss())
    await decline.click()
    await expect(decline).toBeVisible()
    page.once('dialog', (d) => void d.accept())
    await decline.click()
    await expect(box.getByText(`Uitnodiging voor "${second.title}" afgewezen.`)).toBeVisible()
    await expect(decline).toHaveCount(0)
    expect(await db.calendarOrganiserInvitation.count({ where: { eventId: { in: [first.id, second.id] } } })).toBe(0)
    expect(await db.calendarEventRevision.findUnique({ where: { eventId: first.id } })).toMatchObject({ status: 'PENDING' })
  })

  test('the week view opens on the current week; the public calendar filters, points to the next month and links to the slot search', async ({ page, world, db }) => {
    const region = world.a.region
    await signInAs(page, world.a.coordinator.email)
    await page.goto(`/agenda?region=${region.id}&view=month&date=${today().slice(0, 8)}01`)
    await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Week' }).click()
    await expect(page.getByTestId('period')).toContainText(formatAmsterdam(fromAmsterdam(weekStart(today())), 'd MMM'))

    // An empty month on the public calendar says what the next month holds.
    await page.context().clearCookies()
    const far = nextWeekday(2, 400)
    const emptyMonth = new Date(Date.UTC(Number(far.slice(0, 4)), Number(far.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7)
    for (const [title, level] of [['Voorlichting vwo', 'vwo'], ['Voorlichting vmbo', 'vmbo-gt']] as const)
      await publishedEvent(db, { title: `${title} ${far}`, type: 'VOORLICHTING', day: far, from: '19:00', to: '21:00', audienceLevels: [level], organiserIds: [world.a.school.id], regionIds: [region.id] })
    await page.goto(`/regio/${region.slug}/agenda?month=${emptyMonth}`)
    const nextName = formatAmsterdam(fromAmsterdam(far), 'LLLL yyyy')
    await expect(page.getByTestId('empty-month')).toContainText(`In ${nextName} staan 2 activiteiten gepland.`)
    await expectAccessibleAtBothSizes(page)
    await page.getByTestId('empty-month').getByRole('link', { name: `Bekijk ${nextName}` }).click()
    await expect(page.getByRole('table').getByText(`Voorlichting vwo ${far}`)).toBeVisible()
    await expect(page.getByTestId('calendar-cards')).toBeHidden()
    // On a phone each entry is a stacked card (title, facts, link) instead of the wide table: nothing to scroll sideways.
    const desktop = page.viewportSize()!
    await page.setViewportSize({ width: 360, height: 800 })
    const card = page.getByTestId('calendar-cards').getByRole('listitem').filter({ hasText: `Voorlichting vwo ${far}` })
    await expect(card).toBeVisible()
    await expect(card).toContainText('Voorlichting')
    await expect(card).toContainText('vwo')
    await expect(page.getByRole('table')).toHaveCount(0)
    const box = (await card.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(360)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.setViewportSize(desktop)
    await page.getByLabel('Niveau').selectOption('vmbo-gt')
    await page.getByRole('button', { name: 'Filter toepassen' }).click()
    await expect(page.getByRole('table').getByText(`Voorlichting vmbo ${far}`)).toBeVisible()
    await expect(page.getByRole('table').getByText(`Voorlichting vwo ${far}`)).toHaveCount(0)
    await expectAccessibleAtBothSizes(page)

    // The public calendar and the region's slot search link to each other.
    await page.getByRole('link', { name: `Zoek een plek om proef te studeren of mee te lopen in ${region.name}` }).click()
    await expect(page).toHaveURL(new RegExp(`/regio/${region.slug}/proefstuderen`))
    await page.getByRole('link', { name: `Agenda ${region.name}: open dagen, voorlichtingen en meer` }).click()
    await expect(page).toHaveURL(new RegExp(`/regio/${region.slug}/agenda`))
  })
})
