/**
 * The region's view of its schools' self-assessments, for coordinators. All disclosure decisions are in
 * ./distribution.ts; this file loads, freezes and labels. `regionCriterionFigures` is the export for the regional
 * plan (server/plan, MONITOR indicators): the same protected distribution as `regionCriterionScores`, per school year.
 */
import type { Db, DbTx } from '../db/client.ts'
import { audit } from '../db/audit.ts'
import { authorize, canReadRegion, holdsAction, type Actor } from '../auth/policy.ts'
import { conflict, forbidden, notFound } from '../lib/errors.ts'
import { countScores, meanOf, medianOf, MIN_SCHOOLS, roundDisclosure, type LevelCounts, type SuppressionReason } from './distribution.ts'
import type { RegionInput } from './schema.ts'

const regionTenant = (regionId: string) => ({ regionIds: [regionId] })

async function loadRegion(db: DbTx, regionId: string) {
  const region = await db.region.findUnique({ where: { id: regionId }, select: { id: true, name: true } })
  if (!region) throw notFound()
  return region
}

const submittedInRegion = (regionId: string, schoolYear: number) => ({ schoolYear, status: 'SUBMITTED' as const, organisation: { regions: { some: { regionId } } } })

export type CriterionDistribution = {
  code: string
  sectionCode: string
  nameNl: string
  nameEn: string
  sectionNl: string
  sectionEn: string
  /** Schools that scored this criterion, or null when suppressed (fewer than 3). */
  n: number | null
  counts: LevelCounts | null
  median: number | null
  mean: number | null
}

export type RegionCriterionScores =
  | { status: 'open'; regionId: string; schoolYear: number; /** submitted so far; null when fewer than 3 */ submittedCount: number | null }
  | { status: 'suppressed'; regionId: string; schoolYear: number; reason: SuppressionReason; closedAt: Date }
  | { status: 'shown'; regionId: string; schoolYear: number; schoolCount: number; closedAt: Date; criteria: CriterionDistribution[] }

/** Labels (and order) of criterion codes, from the newest framework version containing each code. */
async function criterionLabels(db: DbTx, codes: string[]) {
  const rows = await db.monitorCriterion.findMany({
    where: { code: { in: codes } },
    select: { code: true, nameNl: true, nameEn: true, position: true, section: { select: { code: true, nameNl: true, nameEn: true, position: true } }, framework: { select: { version: true } } },
    orderBy: { framework: { version: 'desc' } },
  })
  const byCode = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (!byCode.has(r.code)) byCode.set(r.code, r)
  return byCode
}

/**
 * The protected distribution per criterion for a region and school year: nothing until the round is closed,
 * nothing when fewer than 3 schools contributed (or 1–2 contributors would be exposed by the ones sharing),
 * never an individual school. For coordinators of the region (and platform admins); others FORBIDDEN.
 */
export async function regionCriterionScores(db: DbTx, actor: Actor, input: { regionId: string; schoolYear: number }): Promise<RegionCriterionScores> {
  authorize(actor, 'monitor.regionRead', regionTenant(input.regionId))
  await loadRegion(db, input.regionId)
  return protectedScores(db, input)
}

/**
 * The same protected distribution for several school years, as figures of the region's plan (server/plan): for
 * anyone taking part in the region (`monitor.regionFigures`), since it names no school and shows nothing below 3.
 * Others FORBIDDEN. School year → scores.
 */
export async function regionCriterionFigures(db: DbTx, actor: Actor, input: { regionId: string; schoolYears: readonly number[] }): Promise<Map<number, RegionCriterionScores>> {
  if (!holdsAction(actor, 'monitor.regionFigures') || !canReadRegion(actor, input.regionId)) throw forbidden()
  await loadRegion(db, input.regionId)
  const out = new Map<number, RegionCriterionScores>()
  for (const schoolYear of new Set(input.schoolYears)) out.set(schoolYear, await protectedScores(db, { regionId: input.regionId, schoolYear }))
  return out
}

/** The disclosure-controlled distribution of a region's round (no authorization: callers above check). */
async function protectedScores(db: DbTx, input: { regionId: string; schoolYear: number }): Promise<RegionCriterionScores> {
  const base = { regionId: input.regionId, schoolYear: input.schoolYear }
  const round = await db.monitorRegionRound.findUnique({ where: { regionId_schoolYear: base } })
  if (!round) {
    const submitted = await db.monitorAssessment.count({ where: submittedInRegion(input.regionId, input.schoolYear) })
    return { status: 'open', ...base, submittedCount: submitted >= MIN_SCHOOLS ? submitted : null }
  }
  const sharing = await db.monitorAssessment.count({ where: { ...submittedInRegion(input.regionId, input.schoolYear), sharedWithRegion: true, organisationId: { in: round.organisationIds } } })
  const disclosure = roundDisclosure(round.organisationIds.length, sharing)
  if (!disclosure.shown) return { status: 'suppressed', ...base, reason: disclosure.reason, closedAt: round.closedAt }
  const counts = round.counts as Record<string, LevelCounts>
  const labels = await criterionLabels(db, Object.keys(counts))
  const criteria = Object.entries(counts)
    .map(([code, c]): CriterionDistribution & { order: [number, number] } => {
      const l = labels.get(code)
      const n = c.reduce((a, b) => a + b, 0)
      const shown = n >= MIN_SCHOOLS
      return {
        code,
        sectionCode: l?.section.code ?? '',
        nameNl: l?.nameNl ?? code,
        nameEn: l?.nameEn ?? code,
        sectionNl: l?.section.nameNl ?? '',
        sectionEn: l?.section.nameEn ?? '',
        n: shown ? n : null,
        counts: shown ? c : null,
        median: shown ? medianOf(c) : null,
        mean: shown ? meanOf(c) : null,
        order: [l?.section.position ?? 999, l?.position ?? 999],
      }
    })
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.code.localeCompare(b.code))
    .map(({ order: _order, ...rest }) => rest)
  return { status: 'shown', ...base, schoolCount: round.organisationIds.length, closedAt: round.closedAt, criteria }
}

/** The region page: the protected distribution, plus the schools that chose to share their assessment by name. */
export async function regionView(db: Db, actor: Actor, input: RegionInput) {
  const scores = await regionCriterionScores(db, actor, input)
  const region = await loadRegion(db, input.regionId)
  const shared = await db.monitorAssessment.findMany({
    where: { ...submittedInRegion(input.regionId, input.schoolYear), sharedWithRegion: true },
    select: { id: true, organisation: { select: { id: true, name: true } }, scores: { select: { score: true, criterion: { select: { code: true } } } } },
    orderBy: { organisation: { name: 'asc' } },
  })
  const labels = await criterionLabels(db, [...new Set(shared.flatMap((s) => s.scores.map((x) => x.criterion.code)))])
  const criteria = [...labels.values()]
    .sort((a, b) => a.section.position - b.section.position || a.position - b.position)
    .map((l) => ({ code: l.code, nameNl: l.nameNl, nameEn: l.nameEn }))
  return {
    region,
    scores,
    shared: shared.map((s) => ({ organisation: s.organisation, scores: Object.fromEntries(s.scores.map((x) => [x.criterion.code, x.score])) })),
    sharedCriteria: criteria,
  }
}

/**
 * Closes the region's round for a school year: freezes the SUBMITTED assessments of the region's schools at this
 * moment (which schools, and the counts per criterion and level). Once per region and year.
 */
export async function closeRound(db: Db, actor: Actor, input: RegionInput) {
  authorize(actor, 'monitor.regionManage', regionTenant(input.regionId))
  return db.$transaction(async (tx) => {
    await loadRegion(tx, input.regionId)
    if (await tx.monitorRegionRound.findUnique({ where: { regionId_schoolYear: { regionId: input.regionId, schoolYear: input.schoolYear } }, select: { id: true } })) {
      throw conflict('monitor.errors.roundClosed')
    }
    const assessments = await tx.monitorAssessment.findMany({
      where: submittedInRegion(input.regionId, input.schoolYear),
      select: { organisationId: true, scores: { select: { score: true, criterion: { select: { code: true } } } } },
    })
    const counts = countScores(assessments.flatMap((a) => a.scores.map((s) => ({ code: s.criterion.code, score: s.score }))))
    const round = await tx.monitorRegionRound.create({
      data: { regionId: input.regionId, schoolYear: input.schoolYear, closedById: actor.userId, organisationIds: assessments.map((a) => a.organisationId), counts },
    })
    // Neither the audit entry nor the answer names the schools; their number only when ≥ 3.
    const schools = assessments.length >= MIN_SCHOOLS ? assessments.length : null
    await audit(tx, actor, { action: 'monitor.round.close', entityType: 'MonitorRegionRound', entityId: round.id, regionId: input.regionId, after: { schoolYear: input.schoolYear, schools } })
    return { id: round.id, schools }
  })
}
