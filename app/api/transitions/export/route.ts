import { ZReportInput } from '@/server/transitions/schema'
import { report } from '@/server/transitions/datasets'
import { reportCsvRows } from '@/server/transitions/export'
import { withActor } from '@/server/transitions/http'
import { attachment } from '@/server/api/route-handler'
import { fileSlug } from '@/server/lib/content-disposition'
import { toCsv } from '@/server/lib/csv'

/** CSV download of a report: the same figures as the screen, so suppressed for anyone but the owner. */
export async function GET(req: Request) {
  return withActor(req, async ({ db, actor, t }) => {
    const url = new URL(req.url)
    const cohort = url.searchParams.get('cohortYear')
    const input = ZReportInput.parse({
      datasetId: url.searchParams.get('datasetId') ?? undefined,
      regionId: url.searchParams.get('regionId') ?? undefined,
      cohortYear: cohort ? Number(cohort) : undefined,
    })
    const r = await report(db, actor, input)
    const csv = toCsv(reportCsvRows(r, t))
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`${fileSlug(t('transitions.export.file', { cohort: r.cohortYear ? String(r.cohortYear) : t('transitions.export.noCohort') }))}.csv`),
        'cache-control': 'no-store',
      },
    })
  })
}
