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
}
