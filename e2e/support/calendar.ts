import type { Prisma } from '../../server/db/generated/client.ts'
import type { CalendarEventStatus, CalendarEventType, CalendarRegionDecision } from '../../server/db/generated/enums.ts'
import { uniq } from '../../server/db/factories.ts'
import { fromAmsterdam, toAmsterdam } from '../../server/lib/time.ts'
import { addLocalDays } from '../../server/calendar/time.ts'
import type { Db } from './fixtures.ts'

/**
 * A calendar event of `organiserIds`, shared with `regionIds`, written straight into the database (as if proposed and
 * approved earlier): PUBLISHED, and published in each region, unless `status` says otherwise (a region's `decision`
 * is then the column's default, PENDING, unless given). Its time: `startsAt`–`endsAt`, or the Amsterdam `day`
 * (20 days ahead) `from`–`to` (09:00–12:00). Audience levels and school years are written only when given; `data`
 * for anything else (createdById, invitations, …). The set-up the specs share.
 */
export async function publishedEvent(
  db: Db,
  opts: {
    organiserIds: string[]
    regionIds: string[]
    decision?: CalendarRegionDecision
    title?: string
    type?: CalendarEventType
    status?: CalendarEventStatus
    startsAt?: Date
    endsAt?: Date
    day?: string
    from?: string
    to?: string
    audienceLevels?: string[]
    schoolYears?: number[]
    data?: Partial<Prisma.CalendarEventUncheckedCreateInput>
  },
) {
  const status = opts.status ?? 'PUBLISHED'
  const decision = opts.decision ?? (status === 'PUBLISHED' ? 'PUBLISHED' : undefined)
  const day = opts.day ?? addLocalDays(toAmsterdam(new Date()).date, 20)
  return db.calendarEvent.create({
    data: {
      title: opts.title ?? `Open dag ${uniq()}`,
      type: opts.type ?? 'OPEN_DAG',
      status,
      startsAt: opts.startsAt ?? fromAmsterdam(day, opts.from ?? '09:00'),
      endsAt: opts.endsAt ?? fromAmsterdam(day, opts.to ?? '12:00'),
      ...(opts.audienceLevels ? { audienceLevels: opts.audienceLevels } : {}),
      ...(opts.schoolYears ? { schoolYears: opts.schoolYears } : {}),
      organisers: { create: opts.organiserIds.map((organisationId) => ({ organisationId })) },
      regions: { create: opts.regionIds.map((regionId) => ({ regionId, ...(decision ? { decision } : {}) })) },
      ...opts.data,
    },
  })
}
