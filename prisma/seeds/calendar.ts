import type { Db } from '../../server/db/client.ts'
import type { CalendarEventType, CalendarEventStatus } from '../../server/db/generated/enums.ts'
import { addLocalDays, eventTimes, weekStart } from '../../server/calendar/time.ts'
import { toAmsterdam } from '../../server/lib/time.ts'
import { DEMO_EMAIL_DOMAIN } from '../../server/auth/demo-session.ts'

type Seed = {
  region: string
  brins: string[]
  title: string
  type: CalendarEventType
  levels: string[]
  /** Weeks from this Monday, weekday 0 = Monday … */
  week?: number
  day?: number
  /** … or days from today (negative: in the past), so this week always has activities. */
  offset?: number
  start?: string
  end?: string
  allDay?: boolean
  days?: number
  status?: CalendarEventStatus
  repeat?: number
  place?: string
}

const events: Seed[] = [
  // This week and the days around today, whatever day the demo is seeded.
  { region: 'twente', brins: ['25LH'], title: 'Informatieavond mbo voor ouders', type: 'OUDERAVOND', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt'], offset: 1, start: '19:30', end: '21:00', place: 'Gieterij 200, Hengelo' },
  { region: 'twente', brins: ['20AA', '20AB'], title: 'LOB-workshop voor mentoren: het loopbaangesprek', type: 'LOB_WORKSHOP', levels: ['havo', 'vwo'], offset: 2, start: '14:00', end: '16:30', place: 'Enschede' },
  { region: 'twente', brins: ['25KB'], title: 'Open dag Saxion', type: 'OPEN_DAG', levels: ['havo', 'vwo', 'mbo-4'], offset: 3, start: '10:00', end: '15:00', place: 'M.H. Tromplaan 28, Enschede' },
  { region: 'twente', brins: ['20AC'], title: 'Voorlichting profielkeuze klas 3', type: 'VOORLICHTING', levels: ['havo', 'vwo'], offset: 5, start: '19:00', end: '20:30', status: 'PROPOSED' },
  { region: 'twente', brins: ['21PH'], title: 'Voorlichtingsavond universitaire studies', type: 'VOORLICHTING', levels: ['vwo'], offset: -4, start: '19:00', end: '21:00', place: 'Drienerlolaan 5, Enschede' },
  { region: 'utrecht', brins: ['25PK'], title: 'Open avond Grafisch Lyceum Utrecht', type: 'OPEN_DAG', levels: ['vmbo-gt', 'havo', 'mbo-4'], offset: 2, start: '18:00', end: '21:00', place: 'Utrecht' },
  { region: 'groningen', brins: ['25BE'], title: 'Kijkavond Noorderpoort', type: 'OPEN_DAG', levels: ['vmbo-b', 'vmbo-k'], offset: 4, start: '18:30', end: '20:30', place: 'Groningen' },
  { region: 'twente', brins: ['20AA'], title: 'Open dag Het Stedelijk Lyceum', type: 'OPEN_DAG', levels: ['havo', 'vwo'], week: 2, day: 5, start: '10:00', end: '13:00', place: 'Kottenpark 7, Enschede' },
  { region: 'twente', brins: ['20AB'], title: 'Open dag Bataafse Kamp College', type: 'OPEN_DAG', levels: ['havo', 'vwo'], week: 2, day: 5, start: '11:00', end: '14:00', place: 'Hengelo' },
  { region: 'twente', brins: ['25LH'], title: 'Open dag ROC van Twente', type: 'OPEN_DAG', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'mbo-2', 'mbo-3', 'mbo-4'], week: 3, day: 5, start: '10:00', end: '15:00', place: 'Gieterij 200, Hengelo' },
  { region: 'twente', brins: ['25KB'], title: 'Proefstuderen Saxion: Verpleegkunde', type: 'PROEFSTUDEREN', levels: ['havo', 'mbo-4'], week: 1, day: 2, start: '13:00', end: '16:30', place: 'M.H. Tromplaan 28, Enschede', repeat: 4 },
  { region: 'twente', brins: ['21PH'], title: 'Meeloopdag Universiteit Twente', type: 'MEELOOPDAG', levels: ['vwo'], week: 4, day: 3, start: '09:30', end: '15:30', place: 'Drienerlolaan 5, Enschede' },
  { region: 'twente', brins: ['20AC', '20AE'], title: 'Ouderavond profielkeuze Almelo', type: 'OUDERAVOND', levels: ['havo', 'vwo', 'vmbo-gt'], week: 1, day: 1, start: '19:30', end: '21:30', place: 'Almelo' },
  { region: 'twente', brins: ['25LH', '25KB', '21PH'], title: 'Studiebeurs Twente', type: 'STUDIEBEURS', levels: ['vmbo-gt', 'havo', 'vwo', 'mbo-4'], week: 5, day: 5, allDay: true, place: 'Expo Hengelo' },
  { region: 'twente', brins: ['20AA', '20AF', '20AG'], title: 'LOB-netwerkweek Twente', type: 'NETWERKWEEK', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo'], week: 6, day: 0, allDay: true, days: 5 },
  { region: 'twente', brins: ['20AD'], title: 'Voorlichting vervolgonderwijs Lyceum de Grundel', type: 'VOORLICHTING', levels: ['havo', 'vwo'], week: 3, day: 1, start: '19:00', end: '21:00', status: 'PROPOSED' },
  { region: 'twente', brins: ['20AG'], title: 'Workshop Wie ben ik? (LOB)', type: 'LOB_WORKSHOP', levels: ['vmbo-b', 'vmbo-k'], week: 2, day: 3, start: '09:00', end: '11:00', status: 'DRAFT' },
  { region: 'twente', brins: ['20AF'], title: 'Open avond Canisius College', type: 'OPEN_DAG', levels: ['havo', 'vwo'], week: 1, day: 3, start: '18:30', end: '21:00', status: 'CANCELLED' },
  { region: 'utrecht', brins: ['19XA'], title: 'Open dag Stedelijk Gymnasium Utrecht', type: 'OPEN_DAG', levels: ['vwo'], week: 2, day: 5, start: '10:00', end: '13:00', place: 'Homeruslaan 46, Utrecht' },
  { region: 'utrecht', brins: ['25PJ'], title: 'Open dag MBO Utrecht', type: 'OPEN_DAG', levels: ['vmbo-k', 'vmbo-gt', 'mbo-2', 'mbo-3', 'mbo-4'], week: 3, day: 5, start: '10:00', end: '14:00', place: 'Utrecht' },
  { region: 'utrecht', brins: ['25DW'], title: 'Proefstuderen Hogeschool Utrecht: ICT', type: 'PROEFSTUDEREN', levels: ['havo', 'mbo-4'], week: 1, day: 2, start: '13:00', end: '16:00', place: 'Heidelberglaan 15, Utrecht', repeat: 3 },
  { region: 'utrecht', brins: ['21PD'], title: 'Meeloopdag Universiteit Utrecht: Geneeskunde', type: 'MEELOOPDAG', levels: ['vwo'], week: 4, day: 4, start: '09:00', end: '16:00', place: 'Utrecht Science Park' },
  { region: 'utrecht', brins: ['19XD', '19XE'], title: 'Ouderavond studiekeuze', type: 'OUDERAVOND', levels: ['havo', 'vwo'], week: 2, day: 1, start: '19:30', end: '21:00' },
  { region: 'utrecht', brins: ['25PK'], title: 'Online voorlichting Grafisch Lyceum', type: 'VOORLICHTING', levels: ['vmbo-gt', 'havo', 'mbo-4'], week: 3, day: 2, start: '16:00', end: '17:00', status: 'PROPOSED' },
  { region: 'groningen', brins: ['18GA', '18GE'], title: 'Open dag gymnasia Groningen', type: 'OPEN_DAG', levels: ['vwo'], week: 2, day: 5, start: '10:00', end: '13:00', place: 'Groningen' },
  { region: 'groningen', brins: ['25BE'], title: 'Open dag Noorderpoort', type: 'OPEN_DAG', levels: ['vmbo-b', 'vmbo-k', 'mbo-1', 'mbo-2', 'mbo-3'], week: 3, day: 5, start: '10:00', end: '14:00', place: 'Groningen' },
  { region: 'groningen', brins: ['25BA'], title: 'Proefstuderen Hanzehogeschool: Bedrijfskunde', type: 'PROEFSTUDEREN', levels: ['havo', 'mbo-4'], week: 1, day: 2, start: '13:30', end: '16:30', place: 'Zernikeplein 7, Groningen' },
  { region: 'groningen', brins: ['21PC', '25BA', '25BF'], title: 'Studiebeurs Noord', type: 'STUDIEBEURS', levels: ['vmbo-gt', 'havo', 'vwo', 'mbo-4'], week: 5, day: 5, allDay: true, place: 'Martiniplaza, Groningen' },
  { region: 'groningen', brins: ['18GC'], title: 'Voorlichting vervolgopleidingen Dr. Nassau College', type: 'VOORLICHTING', levels: ['havo', 'vwo'], week: 4, day: 1, start: '19:00', end: '21:00' },
]

/** Demo data for the calendar domain: ~30 events across the demo regions, relative to today. Idempotent. */
export async function seedCalendar(db: Db): Promise<void> {
  const regions = await db.region.findMany({ where: { slug: { in: ['twente', 'utrecht', 'groningen'] } } })
  if (!regions.length) return
  const regionBySlug = new Map(regions.map((r) => [r.slug, r.id]))
  if (await db.calendarEventRegion.findFirst({ where: { regionId: { in: regions.map((r) => r.id) } } })) {
    console.log('Seed: calendar demo data already present.')
    return
  }
  const orgs = new Map((await db.organisation.findMany({ select: { id: true, brin: true } })).map((o) => [o.brin, o.id]))
  const coordinator = await db.user.findUnique({ where: { email: `coordinator.twente@${DEMO_EMAIL_DOMAIN}` }, select: { id: true } })
  const today = toAmsterdam(new Date()).date
  const monday = weekStart(today)
  let count = 0
  for (const e of events) {
    const regionId = regionBySlug.get(e.region)
    const organiserIds = e.brins.map((b) => orgs.get(b)).filter((id): id is string => !!id)
    if (!regionId || !organiserIds.length) continue
    const first = e.offset !== undefined ? addLocalDays(today, e.offset) : addLocalDays(monday, (e.week ?? 0) * 7 + (e.day ?? 0))
    const seriesId = e.repeat ? `demo-${first}-${e.brins[0]}` : null
    for (let i = 0; i < (e.repeat ?? 1); i++) {
      const startDate = addLocalDays(first, i * 7)
      const times = eventTimes({ startDate, endDate: addLocalDays(startDate, (e.days ?? 1) - 1), allDay: !!e.allDay, startTime: e.start, endTime: e.end })
      const status = e.status ?? 'PUBLISHED'
      const decided = status === 'PUBLISHED' || status === 'CANCELLED'
      await db.calendarEvent.create({
        data: {
          title: e.title,
          description: `${e.title}. Aanmelden via de website van de organisator.`,
          type: e.type,
          status,
          ...times,
          allDay: !!e.allDay,
          audienceLevels: e.levels,
          schoolYears: e.levels.includes('vwo') ? [4, 5, 6] : [3, 4],
          locationAddress: e.place ?? null,
          onlineUrl: e.type === 'VOORLICHTING' && !e.place ? 'https://teams.example.nl/voorlichting' : null,
          seriesId,
          sequence: status === 'CANCELLED' ? 1 : 0,
          cancelledAt: status === 'CANCELLED' ? new Date() : null,
          organisers: { create: organiserIds.map((organisationId) => ({ organisationId })) },
          regions: { create: [{ regionId, decision: decided ? 'PUBLISHED' : 'PENDING', decidedAt: decided ? new Date() : null, decidedById: decided && e.region === 'twente' ? (coordinator?.id ?? null) : null }] },
        },
      })
      count++
    }
  }
  console.log(`Seed: ${count} calendar events.`)
}
