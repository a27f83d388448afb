/**
 * The public front door (`/`): what pupils, parents and schools can find without an account — the regions with
 * their public calendar and proefstudeer pages, the next open days across regions, and a search over the
 * institutions and programmes that publish proefstudeer/meeloop days. Public data only: published events and
 * slots, names of organisations and programmes; never bookings or people.
 */
import type { Db } from '../db/client.ts'
import type { PublicSearchInput } from './schema.ts'

const UPCOMING = 8
const RESULTS = 20

/** Regions with the number of upcoming published activities (events and open slots) in each. */
export async function publicRegions(db: Db, now = new Date()) {
  const regions = await db.region.findMany({ select: { id: true, slug: true, name: true, province: true }, orderBy: { name: 'asc' } })
  const counts = await db.calendarEventRegion.groupBy({
    by: ['regionId'],
    where: { decision: 'PUBLISHED', event: { status: 'PUBLISHED', startsAt: { gte: now } } },
    _count: { _all: true },
  })
  const byRegion = new Map(counts.map((c) => [c.regionId, c._count._all]))
  return regions.map((r) => ({ slug: r.slug, name: r.name, province: r.province, upcoming: byRegion.get(r.id) ?? 0 }))
}

/** The next open days and information evenings published in any region, soonest first. */
export async function upcomingOpenDays(db: Db, now = new Date()) {
  const events = await db.calendarEvent.findMany({
    where: {
      status: 'PUBLISHED',
      type: { in: ['OPEN_DAG', 'VOORLICHTING', 'OUDERAVOND', 'STUDIEBEURS'] },
      startsAt: { gte: now },
      regions: { some: { decision: 'PUBLISHED' } },
    },
    select: {
      id: true,
      title: true,
      type: true,
      startsAt: true,
      endsAt: true,
      allDay: true,
      locationAddress: true,
      audienceLevels: true,
      organisers: { select: { organisation: { select: { name: true } } } },
      regions: { where: { decision: 'PUBLISHED' }, select: { region: { select: { slug: true, name: true } } }, take: 1 },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: UPCOMING,
  })
  return events.map(({ regions, organisers, ...e }) => ({ ...e, organisers: organisers.map((o) => o.organisation.name), region: regions[0]!.region }))
}

/** Institutions (mbo, hbo, wo) and programmes matching the search, each linking to the institution's public page. */
export async function searchInstitutions(db: Db, input: PublicSearchInput) {
  const q = input.q
  const text = { contains: q, mode: 'insensitive' as const }
  const [organisations, programmes] = await Promise.all([
    db.organisation.findMany({
      where: { sector: { in: ['MBO', 'HBO', 'WO'] }, OR: [{ name: text }, { brin: { equals: q.toUpperCase() } }, { city: text }] },
      select: { name: true, brin: true, city: true, sector: true },
      orderBy: { name: 'asc' },
      take: RESULTS,
    }),
    db.slotProgramme.findMany({
      where: { OR: [{ name: text }, { code: { equals: q } }], slots: { some: { status: 'PUBLISHED' } } },
      select: { id: true, name: true, code: true, level: true, organisation: { select: { name: true, brin: true } } },
      orderBy: { name: 'asc' },
      take: RESULTS,
    }),
  ])
  return { organisations, programmes }
}

/** Public pages for the sitemap: every region's calendar and proefstudeer page. */
export async function publicRegionSlugs(db: Db) {
  return db.region.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: 'asc' } })
}
