/**
 * Demo data: three regions with ~30 schools and institutions, their boards, and one demo user per role.
 * Idempotent: does nothing when the demo regions already exist. Uses the same builders as the tests.
 * Dates are relative to the day of seeding; an older demo database says so and `npm run demo -- --reset` renews it.
 */
import { db } from '../server/db/client.ts'
import { buildBoard, buildOrganisation, buildRegion, buildUser } from '../server/db/factories.ts'
import { DEMO_EMAIL_DOMAIN } from '../server/auth/demo-session.ts'
import type { Sector } from '../server/db/generated/enums.ts'
import { seedCalendar } from './seeds/calendar.ts'
import { seedSlots } from './seeds/slots.ts'
import { seedFund } from './seeds/fund.ts'
import { seedTransitions } from './seeds/transitions.ts'
import { seedPlan } from './seeds/plan.ts'
import { seedMonitor } from './seeds/monitor.ts'
import { seedNotifications } from './seeds/notifications.ts'
import { seedParticipation } from './seeds/participation.ts'

type OrgSeed = [name: string, brin: string, sector: Sector, city: string, board?: string]

const regions: { slug: string; name: string; province: string; boards: [string, string][]; orgs: OrgSeed[] }[] = [
  {
    slug: 'twente',
    name: 'Regio Twente',
    province: 'Overijssel',
    boards: [
      ['41234', 'Stichting Voortgezet Onderwijs Twente'],
      ['41235', 'Scholengroep Noordoost-Twente'],
    ],
    orgs: [
      ['Het Stedelijk Lyceum Enschede', '20AA', 'VO', 'Enschede', '41234'],
      ['Bataafse Kamp College', '20AB', 'VO', 'Hengelo', '41234'],
      ['Twickel College Almelo', '20AC', 'VO', 'Almelo', '41235'],
      ['Lyceum de Grundel', '20AD', 'VO', 'Hengelo', '41234'],
      ['Erasmus Scholengemeenschap Almelo', '20AE', 'VO', 'Almelo', '41235'],
      ['Canisius College Oldenzaal', '20AF', 'VO', 'Oldenzaal', '41235'],
      ['ROC van Twente', '25LH', 'MBO', 'Hengelo'],
      ['Hogeschool Saxion', '25KB', 'HBO', 'Enschede'],
      ['Universiteit Twente', '21PH', 'WO', 'Enschede'],
      ['Vakcollege Noordoost Twente', '20AG', 'VO', 'Oldenzaal', '41235'],
    ],
  },
  {
    slug: 'utrecht',
    name: 'Regio Utrecht',
    province: 'Utrecht',
    boards: [
      ['42100', 'Stichting Openbaar Voortgezet Onderwijs Utrecht'],
      ['42101', 'Stichting Katholiek Onderwijs Midden-Nederland'],
    ],
    orgs: [
      ['Stedelijk Gymnasium Utrecht', '19XA', 'VO', 'Utrecht', '42100'],
      ['Amadeus Lyceum', '19XB', 'VO', 'Vleuten', '42100'],
      ['Sint-Bonifatiuscollege', '19XC', 'VO', 'Utrecht', '42101'],
      ['Christelijk Lyceum Zeist', '19XD', 'VO', 'Zeist', '42101'],
      ['Anna van Rijn College', '19XE', 'VO', 'Nieuwegein', '42100'],
      ['Oosterlicht College', '19XF', 'VO', 'Nieuwegein', '42101'],
      ['Nova College Utrecht', '19XG', 'VO', 'Utrecht', '42100'],
      ['MBO Utrecht', '25PJ', 'MBO', 'Utrecht'],
      ['Grafisch Lyceum Utrecht', '25PK', 'MBO', 'Utrecht'],
      ['Hogeschool Utrecht', '25DW', 'HBO', 'Utrecht'],
      ['Universiteit Utrecht', '21PD', 'WO', 'Utrecht'],
    ],
  },
  {
    slug: 'groningen',
    name: 'Regio Groningen-Drenthe',
    province: 'Groningen',
    boards: [
      ['43300', 'Stichting Openbaar VO Groningen'],
      ['43301', 'Stichting Voortgezet Onderwijs Drenthe'],
    ],
    orgs: [
      ['Praedinius Gymnasium', '18GA', 'VO', 'Groningen', '43300'],
      ['Zernike College', '18GB', 'VO', 'Groningen', '43300'],
      ['Dr. Nassau College', '18GC', 'VO', 'Assen', '43301'],
      ['Esdal College', '18GD', 'VO', 'Emmen', '43301'],
      ['Willem Lodewijk Gymnasium', '18GE', 'VO', 'Groningen', '43300'],
      ['Noorderpoort', '25BE', 'MBO', 'Groningen'],
      ['Alfa-college', '25BF', 'MBO', 'Groningen'],
      ['Drenthe College', '25BG', 'MBO', 'Assen'],
      ['Hanzehogeschool Groningen', '25BA', 'HBO', 'Groningen'],
      ['Rijksuniversiteit Groningen', '21PC', 'WO', 'Groningen'],
    ],
  },
]

export async function seed() {
  await seedCore()
  // Each domain seeds its own demo data, idempotently, on top of the core data.
  await seedCalendar(db)
  await seedSlots(db)
  await seedFund(db)
  await seedTransitions(db)
  await seedPlan(db)
  await seedMonitor(db)
  await seedNotifications(db)
  await seedParticipation(db)
}

const STALE_DAYS = 7

async function seedCore() {
  const existing = await db.region.findUnique({ where: { slug: 'twente' }, select: { createdAt: true } })
  if (existing) {
    const days = Math.floor((Date.now() - existing.createdAt.getTime()) / 86_400_000)
    console.log(`Seed: core demo data already present (seeded ${days} day(s) ago).`)
    if (days >= STALE_DAYS) console.log(`Seed: the demo's dates are relative to that day. For fresh dates: npm run demo -- --reset`)
    return
  }
  const byBrin = new Map<string, { id: string }>()
  const regionIds: Record<string, string> = {}
  const boardIds: Record<string, string> = {}
  for (const r of regions) {
    const region = await buildRegion(db, { slug: r.slug, name: r.name, province: r.province })
    regionIds[r.slug] = region.id
    for (const [number, name] of r.boards) boardIds[number] = (await buildBoard(db, { number, name })).id
    for (const [name, brin, sector, city, board] of r.orgs) {
      const org = await buildOrganisation(db, {
        regionIds: [region.id],
        name,
        brin,
        sector,
        city,
        boardId: board ? boardIds[board] : null,
        locations: [
          { vestiging: '00', name, city },
          ...(sector === 'VO' ? [] : [{ vestiging: '01', name: `${name} – locatie centrum`, city }]),
        ],
      })
      byBrin.set(brin, org)
    }
  }
  // Universities take part in more than one region.
  await db.organisationRegion.create({ data: { organisationId: byBrin.get('21PD')!.id, regionId: regionIds.twente! } })

  const d = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`
  await buildUser(db, { email: d('beheer'), name: 'Petra Beheer', roles: [{ role: 'PLATFORM_ADMIN' }] })
  await buildUser(db, { email: d('coordinator.twente'), name: 'Karin Jansen', roles: [{ role: 'REGION_COORDINATOR', regionId: regionIds.twente }] })
  await buildUser(db, { email: d('coordinator.utrecht'), name: 'Mohamed El Amrani', roles: [{ role: 'REGION_COORDINATOR', regionId: regionIds.utrecht }] })
  await buildUser(db, { email: d('bestuur'), name: 'Jeroen de Vries', roles: [{ role: 'BOARD_REPORTER', boardId: boardIds['41234'] }] })
  await buildUser(db, { email: d('decaan'), name: 'Sanne Bakker', roles: [{ role: 'ORG_STAFF', organisationId: byBrin.get('20AA')!.id }] })
  await buildUser(db, { email: d('roc'), name: 'Ahmet Yilmaz', roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: byBrin.get('25LH')!.id }] })
  await buildUser(db, { email: d('saxion'), name: 'Lotte Visser', roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: byBrin.get('25KB')!.id }] })
  console.log(`Seed: ${regions.length} regions, ${byBrin.size} organisations, ${Object.keys(boardIds).length} boards, 7 demo users.`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(() => db.$disconnect())
    .catch(async (err) => {
      console.error(err)
      await db.$disconnect()
      process.exit(1)
    })
}
