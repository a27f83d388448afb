import { z } from 'zod'
import { attachment, withActor } from '@/server/api/route-handler'
import { fileSlug } from '@/server/lib/content-disposition'
import { accountabilityCsv, accountabilityXlsx } from '@/server/fund/export'
import { zId } from '@/server/lib/zod'
import { accountability } from '@/server/fund/dashboard'

const ZExport = z.object({ id: zId, format: z.enum(['csv', 'xlsx'], { error: 'k.fund.errors.format' }) })

/** Accountability export of approved expenditure: ?format=csv or ?format=xlsx. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor, locale, t }) => {
    const { id, format } = ZExport.parse({ ...(await params), format: new URL(req.url).searchParams.get('format') ?? 'csv' })
    const data = await accountability(db, actor, id)
    const base = fileSlug(t('fund.export.file', { region: data.grant.region.name, from: String(data.grant.startYear), to: String(data.grant.endYear) }))
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
    if (format === 'csv')
      return new Response(accountabilityCsv(data, locale), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`${base}.csv`) } })
    const xlsx = await accountabilityXlsx(data, locale)
    return new Response(new Uint8Array(xlsx), {
      headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': attachment(`${base}.xlsx`) },
    })
  })
}
