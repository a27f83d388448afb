import type { Db } from '../../server/db/client.ts'
import type { ProgrammeLevel, PupilLevel } from '../../server/db/generated/enums.ts'
import { fromAmsterdam } from '../../server/lib/time.ts'

const DAY = 86_400_000

/** Programmes per institution (BRIN): name, level, crebo (mbo) or CROHO (ho) code. */
const programmes: Record<string, [name: string, level: ProgrammeLevel, code: string][]> = {
  '25LH': [
    ['Verpleegkunde', 'MBO_4', '25655'],
    ['Software Developer', 'MBO_4', '25604'],
    ['Eerste monteur elektrotechniek', 'MBO_3', '25460'],
  ],
  '25KB': [
    ['HBO-ICT', 'BACHELOR', '30020'],
    ['Verpleegkunde', 'BACHELOR', '34560'],
    ['Logistics Management', 'AD', '80089'],
  ],
  '21PH': [
    ['Technische Geneeskunde', 'BACHELOR', '56226'],
    ['Psychologie', 'BACHELOR', '56604'],
  ],
  '25PJ': [['Pedagogisch medewerker', 'MBO_4', '25486']],
  '25DW': [['Bedrijfskunde', 'BACHELOR', '34035']],
  '21PD': [['Diergeneeskunde', 'BACHELOR', '56869']],
}

const audience: Record<'MBO' | 'HO', PupilLevel[]> = { MBO: ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO'], HO: ['HAVO', 'VWO', 'MBO'] }

/**
 * Demo data for the slots domain: programmes and upcoming trial days (next eight weeks) for the seeded mbo, hbo
 * and wo institutions. Idempotent: an institution that already has programmes is left alone.
 */
export async function seedSlots(db: Db): Promise<void> {
  let created = 0
  const today = new Date()
  for (const [brin, list] of Object.entries(programmes)) {
    const org = await db.organisation.findUnique({ where: { brin }, include: { locations: true } })
    if (!org || org.sector === 'VO') continue
    if (await db.slotProgramme.count({ where: { organisationId: org.id } })) continue
    const location = org.locations.at(-1)?.name ?? org.city
    for (const [i, [name, level, code]] of list.entries()) {
      const programme = await db.slotProgramme.create({ data: { organisationId: org.id, name, level, code, sector: org.sector } })
      // Weekly trial days on a weekday, 9:00–12:30 Amsterdam time, the first closing soon.
      const data = Array.from({ length: 4 }, (_, w) => {
        const date = new Date(today.getTime() + (7 + i + w * 14) * DAY).toISOString().slice(0, 10)
        const startsAt = fromAmsterdam(date, '09:00')
        return {
          programmeId: programme.id,
          organisationId: org.id,
          startsAt,
          endsAt: fromAmsterdam(date, '12:30'),
          location,
          capacity: w === 0 ? 2 : 15 + 5 * w,
          bookingOpensAt: new Date(today.getTime() - DAY),
          bookingClosesAt: new Date(startsAt.getTime() - DAY),
          audienceLevels: org.sector === 'MBO' ? audience.MBO : audience.HO,
          questions: w === 1 ? [{ id: 'q1', label: 'Wat wil je vooral te weten komen?', required: false }] : [],
        }
      })
      created += (await db.slot.createMany({ data })).count
    }
  }
  console.log(created ? `Seed: slots — ${created} trial days.` : 'Seed: slots demo data already present.')
  await seedSlotHistory(db, today)
}

const FIRST = ['Sanne', 'Daan', 'Lotte', 'Milan', 'Noor', 'Finn', 'Julia', 'Sem', 'Emma', 'Lucas', 'Tess', 'Levi']
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Mulder', 'de Boer', 'Meijer']

/**
 * Demo history relative to the seeding day, so the publisher's and the decaan's show-up rates are not "—" and a
 * full day with a waiting list exists: per programme two past trial days (two and five weeks ago) with confirmed
 * bookings and registered attendance (the older one already purged of names, as the purge job would have done),
 * and the first upcoming (2-place) day filled with a waiting list. Idempotent: a programme that already has a past
 * day, or a day that already has bookings, is left alone.
 */
async function seedSlotHistory(db: Db, today: Date): Promise<void> {
  let days = 0
  let bookings = 0
  const programmesSeeded = await db.slotProgramme.findMany({
    where: { organisation: { brin: { in: Object.keys(programmes) } } },
    include: { organisation: { select: { id: true, sector: true, city: true, regions: { select: { regionId: true } } } } },
    orderBy: [{ organisationId: 'asc' }, { name: 'asc' }],
  })
  for (const [n, programme] of programmesSeeded.entries()) {
    const org = programme.organisation
    const schools = await db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId: { in: org.regions.map((r) => r.regionId) } } } }, select: { id: true }, orderBy: { name: 'asc' }, take: 4 })
    if (!schools.length) continue
    const levels = org.sector === 'MBO' ? audience.MBO : audience.HO
    const person = (i: number) => {
      const first = FIRST[(n * 5 + i) % FIRST.length]!
      const last = LAST[(n * 3 + i) % LAST.length]!
      return { pupilName: `${first} ${last}`, pupilEmail: `${first}.${last}.${n}${i}@leerling.example`.toLowerCase().replace(/ /g, '') }
    }
    const base = (slotId: string, i: number) => ({ slotId, organisationId: org.id, programmeId: programme.id, schoolId: schools[i % schools.length]!.id, level: levels[i % levels.length]!, year: 4 + (i % 2), locale: 'nl' })

    if (!(await db.slot.count({ where: { programmeId: programme.id, startsAt: { lt: today } } })))
      await db.$transaction(async (tx) => {
      for (const [k, weeksAgo] of [2, 5].entries()) {
        const date = new Date(today.getTime() - (weeksAgo * 7 - (n % 3)) * DAY).toISOString().slice(0, 10)
        const startsAt = fromAmsterdam(date, '09:00')
        const confirmed = 6 + ((n + k) % 4)
        const slot = await tx.slot.create({
          data: {
            programmeId: programme.id,
            organisationId: org.id,
            startsAt,
            endsAt: fromAmsterdam(date, '12:30'),
            location: org.city,
            capacity: 12,
            confirmedCount: confirmed,
            bookingOpensAt: new Date(startsAt.getTime() - 30 * DAY),
            bookingClosesAt: new Date(startsAt.getTime() - DAY),
            audienceLevels: levels,
          },
        })
        const purged = weeksAgo === 5
        await tx.slotBooking.createMany({
          data: Array.from({ length: confirmed }, (_, i) => ({
            ...base(slot.id, i),
            ...(purged ? { pupilName: null, pupilEmail: null, purgedAt: new Date(startsAt.getTime() + 31 * DAY) } : person(i)),
            status: 'CONFIRMED' as const,
            // about one in five does not show up
            attendance: (i + n) % 5 === 4 ? ('ABSENT' as const) : ('PRESENT' as const),
            createdAt: new Date(startsAt.getTime() - (10 + i) * DAY),
          })),
        })
        days++
        bookings += confirmed
      }
      })

    // The first upcoming day has 2 places: full, with a waiting list.
    const small = await db.slot.findFirst({ where: { programmeId: programme.id, startsAt: { gt: today }, capacity: 2, status: 'PUBLISHED' }, orderBy: { startsAt: 'asc' } })
    if (small && !(await db.slotBooking.count({ where: { slotId: small.id } }))) {
      await db.$transaction(async (tx) => {
        await tx.slot.update({ where: { id: small.id }, data: { confirmedCount: 2 } })
        await tx.slotBooking.createMany({
          data: [0, 1, 2, 3].map((i) => ({
            ...base(small.id, i),
            ...person(i + 6),
            status: i < 2 ? ('CONFIRMED' as const) : ('WAITLISTED' as const),
            waitlistedAt: i < 2 ? null : new Date(today.getTime() - (4 - i) * 3_600_000),
          })),
        })
      })
      bookings += 4
    }
  }
  console.log(days || bookings ? `Seed: slots history — ${days} past days, ${bookings} bookings (attendance, a waiting list).` : 'Seed: slots history already present.')
}
