/**
 * Builders for fund data, shared by the demo seed, integration tests, e2e and the benchmark (like
 * server/db/factories.ts). They write rows directly (no actor, no audit): test and demo set-up only.
 */
import type { DbTx } from '../db/client.ts'
import type { CalendarEventStatus, CalendarEventType, CalendarRegionDecision, FundCategory, FundReportStatus } from '../db/generated/enums.ts'

export const DEFAULT_FUND_NAME = 'Regionale LOB-samenwerking vo-mbo-ho 2018–2021'

export async function buildFundGrant(
  db: DbTx,
  data: { regionId: string; penvoerderId: string; fundName?: string; coFinancingPercent?: number; allocations?: Record<number, number> },
) {
  const allocations = data.allocations ?? { 2018: 20_000_000, 2019: 20_000_000, 2020: 20_000_000, 2021: 20_000_000 }
  const years = Object.keys(allocations).map(Number)
  return db.fundGrant.create({
    data: {
      regionId: data.regionId,
      penvoerderId: data.penvoerderId,
      fundName: data.fundName ?? DEFAULT_FUND_NAME,
      startYear: Math.min(...years),
      endYear: Math.max(...years),
      coFinancingPercent: data.coFinancingPercent ?? 50,
      allocations: { create: Object.entries(allocations).map(([year, amountCents]) => ({ year: Number(year), amountCents })) },
    },
  })
}

export async function buildBudgetLine(db: DbTx, data: { grantId: string; year: number; boardIds: string[]; activity?: string; category?: FundCategory; amountCents?: number }) {
  return db.fundBudgetLine.create({
    data: {
      grantId: data.grantId,
      year: data.year,
      activity: data.activity ?? 'Gezamenlijke open dagen',
      category: data.category ?? 'ACTIVITIES',
      amountCents: data.amountCents ?? 2_500_000,
      boards: { create: data.boardIds.map((boardId) => ({ boardId })) },
    },
  })
}

export async function buildReport(
  db: DbTx,
  data: { budgetLineId: string; boardId: string; year: number; amountCents: number; coFinancedCents?: number; status?: FundReportStatus; category?: FundCategory; description?: string; day?: number },
) {
  const status = data.status ?? 'DRAFT'
  const day = data.day ?? 1
  return db.fundReport.create({
    data: {
      budgetLineId: data.budgetLineId,
      boardId: data.boardId,
      amountCents: data.amountCents,
      coFinancedCents: data.coFinancedCents ?? 0,
      spentOn: new Date(Date.UTC(data.year, (day - 1) % 12, 1 + ((day - 1) % 28))),
      description: data.description ?? 'Besteding',
      category: data.category ?? 'ACTIVITIES',
      status,
      submittedAt: status === 'DRAFT' ? null : new Date(),
      decidedAt: status === 'APPROVED' || status === 'REJECTED' ? new Date() : null,
      rejectReason: status === 'REJECTED' ? 'Bewijsstuk ontbreekt' : null,
    },
  })
}

/**
 * An event of the shared calendar for linking budget lines (the calendar has no builder of its own): by default
 * published in the given regions, organised by `organiserId`, two hours from `startsAt`.
 */
export async function buildCalendarEvent(
  db: DbTx,
  data: { title: string; startsAt: Date; regionIds: string[]; organiserId: string; status?: CalendarEventStatus; decision?: CalendarRegionDecision; type?: CalendarEventType; allDay?: boolean; endsAt?: Date },
) {
  const status = data.status ?? 'PUBLISHED'
  const decision = data.decision ?? (status === 'PUBLISHED' || status === 'CANCELLED' ? 'PUBLISHED' : 'PENDING')
  return db.calendarEvent.create({
    data: {
      title: data.title,
      description: `${data.title}.`,
      type: data.type ?? 'OPEN_DAG',
      status,
      startsAt: data.startsAt,
      endsAt: data.endsAt ?? new Date(data.startsAt.getTime() + 2 * 3_600_000),
      allDay: data.allDay ?? false,
      audienceLevels: ['havo', 'vwo'],
      schoolYears: [4, 5],
      cancelledAt: status === 'CANCELLED' ? new Date() : null,
      organisers: { create: [{ organisationId: data.organiserId }] },
      regions: { create: data.regionIds.map((regionId) => ({ regionId, decision, decidedAt: decision === 'PENDING' ? null : new Date() })) },
    },
  })
}

/** A one-page PDF (valid header), for tests and demo evidence. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
