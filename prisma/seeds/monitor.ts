import type { Db } from '../../server/db/client.ts'
import { buildAssessment, ensureFramework } from '../../server/monitor/factories.ts'
import { countScores } from '../../server/monitor/distribution.ts'
import { currentSchoolYear } from '../../server/monitor/school-year.ts'

const YEARS = [2019, 2020]

/** A deterministic score 1–4 per school, criterion and year; the later year is a little better on average. */
function score(brin: string, code: string, year: number): number {
  let h = 7
  for (const ch of `${brin}:${code}`) h = (h * 31 + ch.charCodeAt(0)) % 1009
  return Math.min(4, 1 + (h % 3) + (year >= 2020 && h % 2 === 0 ? 1 : 0))
}

/**
 * Demo data for the monitor: the seeded quality framework (active), SUBMITTED self-assessments for 2019–2020 and
 * 2020–2021 of every vo school in the demo regions, with evidence and action points, the regions' rounds for
 * those years closed, one school sharing by name; and last school year for the demo decaan's school, so that
 * filling in this year shows a comparison. Idempotent: skipped when the framework already has assessments.
 */
export async function seedMonitor(db: Db): Promise<void> {
  const fw = await ensureFramework(db)
  if (await db.monitorAssessment.count()) return
  const regions = await db.region.findMany({ where: { slug: { in: ['twente', 'utrecht', 'groningen'] } }, orderBy: { slug: 'asc' } })
  let n = 0
  for (const region of regions) {
    const schools = await db.organisation.findMany({ where: { sector: 'VO', regions: { some: { regionId: region.id } } }, orderBy: { brin: 'asc' } })
    for (const year of YEARS) {
      for (const [i, school] of schools.entries()) {
        const a = await buildAssessment(db, {
          organisationId: school.id,
          schoolYear: year,
          score: (code) => score(school.brin, code, year),
          shared: region.slug === 'utrecht' && i === 0,
          evidence: 'Schoolplan, PTA en jaarevaluatie LOB',
        })
        await db.monitorActionPoint.createMany({
          data: [
            { assessmentId: a.id, action: 'Doorlopende leerlijn LOB voor klas 1–3 uitschrijven', ownerName: 'Decaan', dueOn: new Date(`${year + 1}-03-01T00:00:00Z`), done: year === 2019 },
            { assessmentId: a.id, action: 'Ouderavond over studiekeuze in het voorexamenjaar', ownerName: 'Mentoren bovenbouw', dueOn: new Date(`${year + 1}-01-31T00:00:00Z`), done: year === 2019 },
          ],
        })
        n += 1
      }
      // Close the region's round for the year: the frozen distribution the coordinators (and the plan) see.
      const rows = await db.monitorScore.findMany({ where: { assessment: { schoolYear: year, status: 'SUBMITTED', organisation: { regions: { some: { regionId: region.id } } } } }, select: { score: true, criterion: { select: { code: true } } } })
      await db.monitorRegionRound.create({ data: { regionId: region.id, schoolYear: year, organisationIds: schools.map((s) => s.id), counts: countScores(rows.map((r) => ({ code: r.criterion.code, score: r.score }))) } })
    }
  }
  const decaan = await db.organisation.findUnique({ where: { brin: '20AA' } })
  const last = currentSchoolYear() - 1
  if (decaan && !YEARS.includes(last)) {
    await buildAssessment(db, { organisationId: decaan.id, schoolYear: last, score: (code) => score(decaan.brin, code, 2019), evidence: 'Jaarevaluatie LOB' })
    n += 1
  }
  console.log(`Seed: monitor framework v${fw.version}, ${n} self-assessments, rounds ${YEARS.join(' and ')} closed.`)
}
