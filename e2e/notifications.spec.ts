import type { Page } from '@playwright/test'
import { test, expect, signInAs, expectAccessible, waitForMail, mailCount, firstLink } from './support/fixtures.ts'
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../server/db/factories.ts'
import { buildBudgetLine, buildFundGrant } from '../server/fund/factories.ts'
import { publishedEvent } from './support/calendar.ts'
import { nextWeekday } from '../server/calendar/test-dates.ts'

// A decaan proposes → the coordinator's home shows it and a mail arrives → the coordinator publishes it → the
// decaan's inbox and mail say so. The coordinator's home lists the boards that have not reported after a deadline;
// the platform admin sees the background jobs. Dates are relative to today.

async function expectAccessibleAtBothSizes(page: Page) {
  await expectAccessible(page)
  const size = page.viewportSize()!
  await page.setViewportSize({ width: 360, height: 800 })
  await expectAccessible(page)
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
  await page.setViewportSize(size)
}

test.describe('notifications', () => {
  test.describe.configure({ timeout: 300_000 })

  test('proposal → coordinator home, inbox and mail → published → decaan inbox and mail; preferences and unsubscribe', async ({ page, db, request }) => {
    // A region of its own, so the counts are this test's alone (other specs share the worker's world).
    const region = await buildRegion(db)
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO' })
    const world = {
      a: {
        region,
        school,
        coordinator: await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] }),
        staff: await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] }),
      },
    }
    const title = `Meeloopdag techniek ${Date.now().toString(36)}`
    const day = nextWeekday(4, 21)
    const draft = await publishedEvent(db, { title, type: 'MEELOOPDAG', status: 'DRAFT', day, from: '09:00', to: '12:00', audienceLevels: ['havo'], organiserIds: [world.a.school.id], regionIds: [world.a.region.id], data: { createdById: world.a.staff.id } })
    const coordMailsBefore = await mailCount(world.a.coordinator.email)
    const staffMailsBefore = await mailCount(world.a.staff.email)

    // The decaan proposes the draft to the region.
    await signInAs(page, world.a.staff.email)
    await page.goto(`/agenda/${draft.id}`)
    await page.getByRole('button', { name: 'Voorstellen aan de regio' }).click()
    await expect(page.getByText('Voorgesteld aan de regio.')).toBeVisible()
    // The decaan's home lists the own proposal with its status.
    await page.goto('/')
    await expect(page.getByTestId('home-staff-proposals')).toContainText(title)
    await expect(page.getByTestId('home-staff-proposals')).toContainText('voorgesteld')
    await expectAccessibleAtBothSizes(page)

    // The coordinator: a mail in Dutch with a link to the event and an unsubscribe link; the home and the inbox show it.
    const proposedMail = await waitForMail(world.a.coordinator.email, (m) => m.subject === `Voorstel ter beoordeling: ${title}`, coordMailsBefore)
    expect(proposedMail.text).toContain(`/agenda/${draft.id}`)
    expect(proposedMail.html).toContain(title)
    expect(firstLink(proposedMail.text, '/afmelden?token=')).toContain('/afmelden?token=')

    await page.context().clearCookies()
    await signInAs(page, world.a.coordinator.email)
    const proposals = page.getByTestId('home-coordinator-proposals')
    await expect(proposals).toContainText(title)
    await expect(proposals.getByTestId('count')).toHaveText('1')
    await expect(page.getByTestId('unread-count')).toHaveText('1')
    await expectAccessibleAtBothSizes(page)

    await page.getByTestId('inbox-link').click()
    await expect(page.getByRole('heading', { level: 1, name: 'Meldingen' })).toBeVisible()
    const item = page.getByTestId('notification').filter({ hasText: title })
    await expect(item).toHaveAttribute('data-read', '0')
    await expectAccessibleAtBothSizes(page)
    // Opening it marks it read and leads to the event, where the coordinator publishes it.
    await item.getByRole('link', { name: `Voorstel ter beoordeling: ${title}` }).click()
    await expect(page).toHaveURL(new RegExp(`/agenda/${draft.id}$`))
    await page.getByRole('button', { name: `Publiceren in ${world.a.region.name}` }).click()
    await expect(page.getByText('Gepubliceerd.', { exact: true })).toBeVisible()
    await expect(page.getByTestId('unread-count')).toHaveCount(0)

    // The decaan: the inbox and a mail say it was published.
    const publishedMail = await waitForMail(world.a.staff.email, (m) => m.subject === `Gepubliceerd in ${world.a.region.name}: ${title}`, staffMailsBefore)
    expect(publishedMail.text).toContain(`Je activiteit “${title}” is gepubliceerd in de agenda van ${world.a.region.name}.`)
    await page.context().clearCookies()
    await signInAs(page, world.a.staff.email)
    await expect(page.getByTestId('unread-count')).toHaveText('1')
    await page.goto('/meldingen')
    await expect(page.getByTestId('notification').filter({ hasText: `Gepubliceerd in ${world.a.region.name}: ${title}` })).toHaveAttribute('data-read', '0')
    await page.getByTestId('mark-all-read').click()
    await expect(page.getByText('Alle meldingen zijn gemarkeerd als gelezen.')).toBeVisible()
    await expect(page.getByTestId('unread-count')).toHaveCount(0)
    await page.goto('/meldingen?ongelezen=1')
    await expect(page.getByTestId('inbox-empty')).toHaveText('Je hebt alles gelezen.')

    // Preferences: the daily digest for published activities, saved with visible feedback.
    await page.getByRole('link', { name: 'E-mailvoorkeuren' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'E-mailvoorkeuren' })).toBeVisible()
    await page.getByLabel('E-mail: Gepubliceerde activiteiten').selectOption('DIGEST')
    await expect(page.getByText('Voorkeur opgeslagen.')).toBeVisible()
    await expectAccessibleAtBothSizes(page)
    expect(await db.notificationPreference.findUnique({ where: { userId_kind: { userId: world.a.staff.id, kind: 'calendar.published' } } })).toMatchObject({ mode: 'DIGEST' })

    // Unsubscribe from the coordinator's mail without signing in: the page asks first, the button turns it off.
    await page.context().clearCookies()
    await page.goto(firstLink(proposedMail.text, '/afmelden?token='))
    await expect(page.getByRole('heading', { level: 1, name: 'Afmelden voor e-mails' })).toBeVisible()
    await expectAccessible(page)
    expect(await db.notificationPreference.count({ where: { userId: world.a.coordinator.id, kind: 'calendar.proposed' } })).toBe(0)
    await page.getByRole('button', { name: 'Afmelden' }).click()
    await expect(page.getByTestId('unsubscribed')).toContainText('Nieuwe voorstellen in de agenda')
    expect(await db.notificationPreference.findUnique({ where: { userId_kind: { userId: world.a.coordinator.id, kind: 'calendar.proposed' } } })).toMatchObject({ mode: 'OFF' })

    // RFC 8058 one-click POST with the same signed token; a forged token is a 400.
    const token = new URL(firstLink(proposedMail.text, '/afmelden?token=')).searchParams.get('token')!
    const ok = await request.post(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { form: { 'List-Unsubscribe': 'One-Click' } })
    expect(ok.status()).toBe(200)
    expect(await ok.json()).toEqual({ unsubscribed: 'calendar.proposed' })
    const bad = await request.post(`/api/notifications/unsubscribe?token=${encodeURIComponent(`${token}x`)}`, { form: { 'List-Unsubscribe': 'One-Click' } })
    expect(bad.status()).toBe(400)
  })

  test('the coordinator’s home lists the boards that have not reported after the deadline', async ({ page, db }) => {
    const region = await buildRegion(db)
    const mbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    const late = await buildBoard(db, { name: `Stichting Laat ${Date.now().toString(36)}` })
    const year = new Date().getFullYear() - 1
    const grant = await buildFundGrant(db, { regionId: region.id, penvoerderId: mbo.id, fundName: `Fonds ${Date.now().toString(36)}`, allocations: { [year]: 10_000_000 } })
    await buildBudgetLine(db, { grantId: grant.id, year, boardIds: [late.id] })
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)
    await db.fundAllocation.update({ where: { grantId_year: { grantId: grant.id, year } }, data: { reportDeadline: new Date(today - 3 * 86_400_000) } })

    await signInAs(page, coordinator.email)
    const block = page.getByTestId('home-coordinator-late')
    await expect(block.getByRole('link', { name: `${late.name} — ${grant.fundName} ${year}` })).toHaveAttribute('href', `/fonds/${grant.id}`)
    await expect(block.getByTestId('count')).toHaveText('1')
    await expectAccessibleAtBothSizes(page)
  })

  test('the platform admin sees the background jobs and the outbox; nobody else', async ({ page, world }) => {
    await signInAs(page, world.admin.email)
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Taken', exact: true }).click()
    await expect(page).toHaveURL(/\/admin\/taken$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Achtergrondtaken' })).toBeVisible()
    await expect(page.getByTestId('job-notifications-slot-reminders')).toContainText('7 * * * *')
    await expect(page.getByTestId('job-notifications-late-boards')).toContainText('Laatst gelukt')
    await expect(page.getByTestId('jobs-outbox')).toContainText('Nog te versturen')
    await expectAccessibleAtBothSizes(page)

    await page.context().clearCookies()
    await signInAs(page, world.a.coordinator.email)
    await expect(page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Taken', exact: true })).toHaveCount(0)
    const denied = await page.goto('/admin/taken')
    expect(denied?.status()).toBe(403)
  })
})
