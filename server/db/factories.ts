/**
 * Builders for tenants and users, shared by the seed (prisma/seed.ts), the integration tests and e2e.
 * Every builder fills unique values by default, so tests can run side by side in one database.
 */
import type { DbTx } from './client.ts'
import type { Role, Sector } from './generated/enums.ts'

let counter = 0
/** A run-unique suffix: tests in parallel workers and repeated runs never collide. */
export function uniq(): string {
  counter += 1
  return `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${counter.toString(36)}`
}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
/** A BRIN no factory hands out (tests use it for "no such organisation"). */
export const UNUSED_BRIN = '99ZZ'
/** A random well-formed BRIN (2 digits + 2 letters), avoiding those in use; never starts with 99 (see UNUSED_BRIN). */
export async function freeBrin(db: DbTx): Promise<string> {
  for (;;) {
    const n = Math.floor(Math.random() * 99 * 26 * 26)
    const brin = `${String(n % 99).padStart(2, '0')}${letters[Math.floor(n / 99) % 26]}${letters[Math.floor(n / (99 * 26)) % 26]}`
    if (!(await db.organisation.findUnique({ where: { brin }, select: { id: true } }))) return brin
  }
}

export async function buildRegion(db: DbTx, data: Partial<{ name: string; slug: string; province: string }> = {}) {
  const u = uniq()
  return db.region.create({ data: { name: data.name ?? `Regio ${u}`, slug: data.slug ?? `regio-${u}`, province: data.province ?? 'Utrecht' } })
}

export async function buildBoard(db: DbTx, data: Partial<{ name: string; number: string }> = {}) {
  const number = data.number ?? String(10000 + Math.floor(Math.random() * 89999))
  const existing = await db.board.findUnique({ where: { number } })
  if (existing && !data.number) return buildBoard(db, data)
  return db.board.create({ data: { name: data.name ?? `Stichting ${uniq()}`, number } })
}

export async function buildOrganisation(
  db: DbTx,
  data: {
    regionIds: string[]
    sector?: Sector
    name?: string
    brin?: string
    city?: string
    boardId?: string | null
    rioCode?: string
    locations?: { vestiging: string; name: string; city: string; street?: string; postcode?: string }[]
  },
) {
  const brin = data.brin ?? (await freeBrin(db))
  const city = data.city ?? 'Utrecht'
  const name = data.name ?? `${data.sector === 'MBO' ? 'ROC' : data.sector === 'HBO' ? 'Hogeschool' : data.sector === 'WO' ? 'Universiteit' : 'Lyceum'} ${uniq()}`
  return db.organisation.create({
    data: {
      name,
      brin,
      sector: data.sector ?? 'VO',
      city,
      rioCode: data.rioCode,
      boardId: data.boardId ?? null,
      regions: { create: data.regionIds.map((regionId) => ({ regionId })) },
      locations: { create: data.locations ?? [{ vestiging: '00', name: `${name} hoofdvestiging`, city }] },
    },
    include: { regions: true, locations: true },
  })
}

export type RoleSpec = { role: Role; regionId?: string; boardId?: string; organisationId?: string }

export async function buildUser(db: DbTx, data: { email?: string; name?: string; roles?: RoleSpec[] } = {}) {
  const u = uniq()
  return db.user.create({
    data: {
      email: (data.email ?? `user-${u}@example.test`).toLowerCase(),
      name: data.name ?? `Gebruiker ${u}`,
      emailVerified: new Date(),
      roles: {
        create: (data.roles ?? []).map((r) => ({ role: r.role, regionId: r.regionId ?? null, boardId: r.boardId ?? null, organisationId: r.organisationId ?? null })),
      },
    },
  })
}

/**
 * A small world with two regions and one user of every role in each, for permission tests and e2e:
 * region A and region B each have a board, a vo school, an mbo and an hbo institution.
 */
export async function buildTwoRegionWorld(db: DbTx) {
  async function side(tag: string) {
    const region = await buildRegion(db, { name: `Regio ${tag} ${uniq()}` })
    const board = await buildBoard(db)
    const school = await buildOrganisation(db, { regionIds: [region.id], sector: 'VO', boardId: board.id })
    const mbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'MBO' })
    const hbo = await buildOrganisation(db, { regionIds: [region.id], sector: 'HBO' })
    const coordinator = await buildUser(db, { roles: [{ role: 'REGION_COORDINATOR', regionId: region.id }] })
    const boardReporter = await buildUser(db, { roles: [{ role: 'BOARD_REPORTER', boardId: board.id }] })
    const staff = await buildUser(db, { roles: [{ role: 'ORG_STAFF', organisationId: school.id }] })
    const publisher = await buildUser(db, { roles: [{ role: 'INSTITUTION_PUBLISHER', organisationId: mbo.id }] })
    return { region, board, school, mbo, hbo, coordinator, boardReporter, staff, publisher }
  }
  const admin = await buildUser(db, { roles: [{ role: 'PLATFORM_ADMIN' }] })
  return { admin, a: await side('A'), b: await side('B') }
}

/**
 * A published slot `startsInHours` ahead (4 hours long), open for booking since an hour ago and until an hour
 * before it starts (at once for a slot within the hour): the integration tests' shared slot.
 */
export async function buildSlot(
  db: DbTx,
  data: { programmeId: string; organisationId: string; capacity: number; startsInHours?: number; location?: string },
) {
  const HOUR = 3_600_000
  const now = Date.now()
  const startsInHours = data.startsInHours ?? 24 * 14
  const startsAt = new Date(now + startsInHours * HOUR)
  return db.slot.create({
    data: {
      programmeId: data.programmeId,
      organisationId: data.organisationId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * HOUR),
      location: data.location ?? 'Hoofdgebouw',
      capacity: data.capacity,
      bookingOpensAt: new Date(now - HOUR),
      bookingClosesAt: startsInHours > 1 ? new Date(now + (startsInHours - 1) * HOUR) : startsAt,
      audienceLevels: ['HAVO', 'VWO'],
    },
  })
}
