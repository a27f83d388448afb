import { templateRows } from '@/server/transitions/template'
import { attachment, withRequest } from '@/server/api/route-handler'
import { toCsv } from '@/server/lib/csv'

/** The CSV template of a transitions upload, in the UI's language: the expected columns and two example rows (no data of anyone). */
export function GET(req: Request) {
  return withRequest(req, async ({ locale, t }) =>
    new Response(toCsv(templateRows(undefined, locale)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(`${t('transitions.import.templateFile')}.csv`), 'cache-control': 'no-store' },
    }),
  )
}
