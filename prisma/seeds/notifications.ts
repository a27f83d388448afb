import type { Db } from '../../server/db/client.ts'
import { DEMO_EMAIL_DOMAIN } from '../../server/auth/demo-session.ts'

/**
 * Demo notifications, so the inbox and the header's count show something at first sign-in: for the Twente
 * coordinator (proposals to review, a submitted report), the decaan (a published and a rejected activity) and the
 * board reporter (an approved and a rejected report), each linked to seeded data where it exists. In-app only
 * (no mails). Idempotent: skipped when the coordinator already has notifications.
 */
export async function seedNotifications(db: Db): Promise<void> {
  const user = (local: string) => db.user.findUnique({ where: { email: `${local}@${DEMO_EMAIL_DOMAIN}` }, select: { id: true } })
  const [coord, decaan, reporter] = [await user('coordinator.twente'), await user('decaan'), await user('bestuur')]
  if (!coord || !decaan || !reporter) return
  if (await db.notification.count({ where: { userId: coord.id } })) return
  const region = await db.region.findUnique({ where: { slug: 'twente' }, select: { id: true, name: true } })
  const events = await db.calendarEvent.findMany({ where: { regions: { some: { regionId: region?.id } } }, select: { id: true, title: true }, orderBy: { startsAt: 'asc' }, take: 4 })
  const reports = await db.fundReport.findMany({ where: { board: { number: '41234' } }, select: { id: true, budgetLine: { select: { activity: true, grantId: true } } }, take: 2 })
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000)
  const rows: { userId: string; kind: string; key: string; params: Record<string, string>; link: string; createdAt: Date; readAt?: Date }[] = []
  events.slice(0, 2).forEach((e, i) => rows.push({ userId: coord.id, kind: 'calendar.proposed', key: `demo:proposed:${e.id}`, params: { title: e.title }, link: `/agenda/${e.id}`, createdAt: hoursAgo(2 + i) }))
  if (events[2]) rows.push({ userId: decaan.id, kind: 'calendar.published', key: `demo:published:${events[2].id}`, params: { title: events[2].title, region: region?.name ?? '' }, link: `/agenda/${events[2].id}`, createdAt: hoursAgo(5) })
  if (events[3])
    rows.push({ userId: decaan.id, kind: 'calendar.rejected', key: `demo:rejected:${events[3].id}`, params: { title: events[3].title, region: region?.name ?? '', reason: 'Valt samen met de toetsweek' }, link: `/agenda/${events[3].id}`, createdAt: hoursAgo(30), readAt: hoursAgo(20) })
  reports.forEach((r, i) => {
    const link = `/fonds/${r.budgetLine.grantId}/rapportages/${r.id}`
    if (i === 0) rows.push({ userId: coord.id, kind: 'fund.reportSubmitted', key: `demo:submitted:${r.id}`, params: { board: 'Stichting Voortgezet Onderwijs Twente', activity: r.budgetLine.activity }, link, createdAt: hoursAgo(8) })
    rows.push(
      i === 0
        ? { userId: reporter.id, kind: 'fund.reportApproved', key: `demo:approved:${r.id}`, params: { activity: r.budgetLine.activity }, link, createdAt: hoursAgo(26) }
        : { userId: reporter.id, kind: 'fund.reportRejected', key: `demo:rejected:${r.id}`, params: { activity: r.budgetLine.activity, reason: 'Factuur ontbreekt bij het bewijsstuk' }, link, createdAt: hoursAgo(50) },
    )
  })
  await db.notification.createMany({ data: rows, skipDuplicates: true })
  console.log(`Seed: ${rows.length} demo notifications.`)
}
