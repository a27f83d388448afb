import type { Prisma } from '../../server/db/generated/client.ts'
import { uniq } from '../../server/db/factories.ts'
import { fromAmsterdam, toAmsterdam } from '../../server/lib/time.ts'
import { addLocalDays } from '../../server/calendar/time.ts'
import type { Db } from './fixtures.ts'

const DAY = 86_400_000

/**
 * A programme of an institution with one published slot `daysAhead` days ahead (Amsterdam day, `from`–`to`), open
 * for booking since yesterday and until the day before: the set-up the public pages' specs share.
 */
export async function publishedSlot(
  db: Db,
  opts: {
    organisationId: string
    name?: string
    sector?: 'MBO' | 'HBO'
    daysAhead?: number
    from?: string
    to?: string
    location?: string
    capacity?: number
    audienceLevels?: Prisma.SlotCreateInput['audienceLevels']
    data?: Partial<Prisma.SlotUncheckedCreateInput>
  },
) {
  const sector = opts.sector ?? 'MBO'
  const name = opts.name ?? `Techniek ${uniq()}`
  const code = String(10000 + Math.floor(Math.random() * 89999))
  const programme = await db.slotProgramme.create({ data: { organisationId: opts.organisationId, name, sector, level: sector === 'MBO' ? 'MBO_4' : 'BACHELOR', code } })
  const day = addLocalDays(toAmsterdam(new Date()).date, opts.daysAhead ?? 20)
  const startsAt = fromAmsterdam(day, opts.from ?? '09:00')
  const slot = await db.slot.create({
    data: {
      programmeId: programme.id,
      organisationId: opts.organisationId,
      startsAt,
      endsAt: fromAmsterdam(day, opts.to ?? '12:00'),
      location: opts.location ?? 'Campus Enschede',
      capacity: opts.capacity ?? 5,
      bookingOpensAt: new Date(Date.now() - DAY),
      bookingClosesAt: new Date(startsAt.getTime() - DAY),
      audienceLevels: opts.audienceLevels ?? ['HAVO'],
      ...opts.data,
    },
  })
  return { name, programme, slot }
}
