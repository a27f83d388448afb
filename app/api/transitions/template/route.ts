import { templateRows } from '@/server/transitions/template'
import { attachment } from '@/server/api/route-handler'
import { toCsv } from '@/server/lib/csv'

/** The CSV template of a transitions upload: the expected columns and two example rows (no data of anyone). */
export function GET() {
  return new Response(toCsv(templateRows()), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment('doorstroom-sjabloon.csv'), 'cache-control': 'no-store' },
  })
}
