import { createHash } from 'node:crypto'
import type { Db } from '../../server/db/client.ts'
import type { FundCategory, FundReportStatus } from '../../server/db/generated/enums.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant, buildReport, DEFAULT_FUND_NAME, SAMPLE_PDF } from '../../server/fund/factories.ts'
import { fromAmsterdam } from '../../server/lib/time.ts'
import { boardsOfRegion } from '../../server/fund/grants.ts'
import { fileStorage, newKey } from '../../server/storage/index.ts'

const ACTIVITIES: [string, FundCategory, number][] = [
  ['Gezamenlijke open dagen', 'ACTIVITIES', 2_400_000],
  ['LOB-netwerkweken', 'PERSONNEL', 3_600_000],
  ['Professionalisering decanen', 'EXTERNAL_HIRE', 1_800_000],
  ['Busvervoer meeloopdagen', 'TRANSPORT', 900_000],
]

/**
 * Activities carried out as events of the shared calendar: the fund years lie in the past, before the calendar's
 * demo events (which are relative to today), so these past events are published in the region for the demo.
 */
const LINKED_EVENTS: { activity: string; year: number; title: string; date: string; time: string; type: 'OPEN_DAG' | 'NETWERKWEEK' }[] = [
  { activity: 'Gezamenlijke open dagen', year: 2019, title: 'Gezamenlijke open dag vo-mbo-ho', date: '2019-03-16', time: '10:00', type: 'OPEN_DAG' },
  { activity: 'LOB-netwerkweken', year: 2020, title: 'LOB-netwerkweek', date: '2020-02-10', time: '09:00', type: 'NETWERKWEEK' },
]

/** Report status mix per year: older years mostly decided, the last year still in progress. */
const MIX: Record<number, FundReportStatus[]> = {
  2018: ['APPROVED', 'APPROVED', 'APPROVED'],
  2019: ['APPROVED', 'APPROVED', 'REJECTED'],
  2020: ['APPROVED', 'SUBMITTED', 'SUBMITTED'],
  2021: ['SUBMITTED', 'DRAFT', 'DRAFT'],
}

/**
 * Demo data for the fund domain: a grant per seeded region (allocations 2018–2021, 50% co-financing), budget lines
 * for the region's boards and a mix of reports with PDF evidence, deadlines, payments and 2018 results reports;
 * 2018 is closed in Twente. Two lines are linked to
 * (past) events published in the region's calendar. Idempotent: a region
 * that already has the grant is skipped.
 */
export async function seedFund(db: Db): Promise<void> {
  const regions = await db.region.findMany({ where: { slug: { in: ['twente', 'utrecht', 'groningen'] } }, orderBy: { slug: 'asc' } })
  let created = 0
  for (const region of regions) {
    if (await db.fundGrant.findUnique({ where: { regionId_fundName: { regionId: region.id, fundName: DEFAULT_FUND_NAME } } })) continue
    const penvoerder = await db.organisation.findFirst({ where: { sector: 'MBO', regions: { some: { regionId: region.id } } }, orderBy: { brin: 'asc' } })
    const boards = await boardsOfRegion(db, region.id)
    if (!penvoerder || !boards.length) continue
    const grant = await buildFundGrant(db, { regionId: region.id, penvoerderId: penvoerder.id, allocations: { 2018: 17_500_000, 2019: 20_000_000, 2020: 20_000_000, 2021: 22_500_000 } })
    let seq = 0
    for (const year of [2018, 2019, 2020, 2021]) {
      for (const [i, [activity, category, amountCents]] of ACTIVITIES.entries()) {
        const lineBoards = i === 0 ? boards.map((b) => b.id) : [boards[i % boards.length]!.id]
        const line = await buildBudgetLine(db, { grantId: grant.id, year, activity, category, amountCents, boardIds: lineBoards })
        for (const e of LINKED_EVENTS.filter((x) => x.activity === activity && x.year === year)) {
          const event = await buildCalendarEvent(db, { title: `${e.title} ${region.name.replace(/^Regio /, '')}`, startsAt: fromAmsterdam(e.date, e.time), regionIds: [region.id], organiserId: penvoerder.id, type: e.type })
          await db.fundBudgetLineEvent.create({ data: { budgetLineId: line.id, eventId: event.id } })
        }
        for (const [k, status] of MIX[year]!.entries()) {
          seq += 1
          const boardId = lineBoards[k % lineBoards.length]!
          // Deterministic, uneven amounts (cents) so totals are not round numbers.
          const amount = Math.floor(amountCents / 4) + ((seq * 7_919) % 100_000)
          const report = await buildReport(db, { budgetLineId: line.id, boardId, year, amountCents: amount, coFinancedCents: Math.floor(amount / 2), status, category, description: `${activity} ${year} (${k + 1})`, day: seq })
          if (status !== 'DRAFT') {
            const key = newKey('fund', report.id)
            await fileStorage().put(key, SAMPLE_PDF)
            await db.fundEvidence.create({
              data: { reportId: report.id, storageKey: key, filename: `factuur-${year}-${seq}.pdf`, contentType: 'application/pdf', sizeBytes: SAMPLE_PDF.length, sha256: createHash('sha256').update(SAMPLE_PDF).digest('hex') },
            })
          }
        }
      }
    }
    // Reporting deadlines (31 March of the following year), payments after approval for 2018–2019, an advance per
    // board for 2021, and approved results reports for the 2018 lines.
    for (const year of [2018, 2019, 2020, 2021]) await db.fundAllocation.update({ where: { grantId_year: { grantId: grant.id, year } }, data: { reportDeadline: new Date(`${year + 1}-03-31T00:00:00Z`) } })
    const approved = await db.fundReport.findMany({ where: { status: 'APPROVED', budgetLine: { grantId: grant.id, year: { lte: 2019 } } }, include: { budgetLine: { select: { year: true } } }, orderBy: { spentOn: 'asc' } })
    for (const [i, r] of approved.entries())
      await db.fundPayment.create({ data: { grantId: grant.id, boardId: r.boardId, year: r.budgetLine.year, kind: 'AFTER_APPROVAL', paidOn: new Date(Date.UTC(r.budgetLine.year, 11, 15)), amountCents: r.amountCents, reference: `BET-${r.budgetLine.year}-${String(i + 1).padStart(3, '0')}`, budgetLineId: r.budgetLineId, reportId: r.id } })
    for (const [i, b] of boards.entries())
      await db.fundPayment.create({ data: { grantId: grant.id, boardId: b.id, year: 2021, kind: 'ADVANCE', paidOn: new Date(Date.UTC(2021, 0, 15)), amountCents: 1_000_000, reference: `VS-2021-${String(i + 1).padStart(3, '0')}` } })
    const lines2018 = await db.fundBudgetLine.findMany({ where: { grantId: grant.id, year: 2018 }, include: { boards: true } })
    for (const l of lines2018)
      for (const b of l.boards)
        await db.fundResultReport.create({
          data: { budgetLineId: l.id, boardId: b.boardId, pupilsReached: 120 + (l.amountCents % 97), narrative: `${l.activity}: uitgevoerd zoals gepland.`, obstacles: '', eventIds: [], programmeIds: [], status: 'APPROVED', submittedAt: new Date(), decidedAt: new Date() },
        })
    if (region.slug === 'twente') await db.fundClosedYear.create({ data: { grantId: grant.id, year: 2018 } })
    created += 1
  }
  console.log(created ? `Seed: fund grants for ${created} regions.` : 'Seed: fund demo data already present.')
}
