import type { Db } from '../../server/db/client.ts'
import type { PupilLevel } from '../../server/db/generated/enums.ts'
import { schoolYearOf } from '../../server/participation/school-year.ts'

const DAY = 86_400_000
/** Invented pupils (no real people) of the demo decaan's school; addresses on a reserved example domain. */
const FIRST = ['Anna', 'Bram', 'Chaimae', 'Daan', 'Emma', 'Finn', 'Guus', 'Hiba', 'Isa', 'Jesse', 'Kiki', 'Lars', 'Mila', 'Noah', 'Olivia', 'Pim', 'Quinten', 'Roos', 'Sem', 'Tess', 'Umut', 'Vera', 'Wout', 'Yara']
const LAST = ['de Vries', 'Jansen', 'El Idrissi', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Haddou', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Yilmaz', 'Smits', 'de Graaf', 'van der Meer']
const CLASSES: [className: string, level: PupilLevel, year: number][] = [
  ['4H1', 'HAVO', 4],
  ['4H2', 'HAVO', 4],
  ['5V1', 'VWO', 5],
]

/**
 * Demo data for participation: a class list of the demo decaan's school (20AA) for this school year and a Twente
 * campaign over the region's upcoming mbo meeloopdagen (at most 2 per pupil). Idempotent.
 */
export async function seedParticipation(db: Db): Promise<void> {
  const school = await db.organisation.findUnique({ where: { brin: '20AA' }, include: { regions: true } })
  if (!school) return
  const schoolYear = schoolYearOf(new Date())
  if (await db.participationPupil.count({ where: { schoolId: school.id, schoolYear } })) return
  await db.participationPupil.createMany({
    data: FIRST.map((first, i) => {
      const [className, level, year] = CLASSES[i % CLASSES.length]!
      const last = LAST[i]!
      return { schoolId: school.id, schoolYear, name: `${first} ${last}`, email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@leerling.example.org', level, year, className, pupilNumber: String(1000 + i) }
    }),
  })
  const regionId = school.regions[0]?.regionId
  const slots = regionId
    ? await db.slot.findMany({ where: { status: 'PUBLISHED', startsAt: { gt: new Date() }, programme: { sector: 'MBO' }, organisation: { regions: { some: { regionId } } } }, select: { id: true }, orderBy: { startsAt: 'asc' }, take: 6 })
    : []
  if (regionId && slots.length)
    await db.participationCampaign.create({
      data: {
        regionId,
        name: 'Meeloopdagen mbo',
        opensAt: new Date(Date.now() - DAY),
        closesAt: new Date(Date.now() + 42 * DAY),
        maxPerPupil: 2,
        levels: ['HAVO', 'VMBO_GT'],
        slots: { create: slots.map((s) => ({ slotId: s.id })) },
        schools: { create: [{ schoolId: school.id }] },
      },
    })
  console.log(`Seed: ${FIRST.length} pupils on a class list, ${slots.length ? 1 : 0} campaign.`)
}
