import { z } from 'zod'
import { attachment, withActor } from '@/server/api/route-handler'
import { fileSlug } from '@/server/lib/content-disposition'
import { zId } from '@/server/lib/zod'
import { settlement } from '@/server/fund/settlement'
import { settlementCsv, settlementPdf, settlementXlsx } from '@/server/fund/settlement-export'

const ZExport = z.object({ id: zId, format: z.enum(['csv', 'xlsx', 'pdf'], { error: 'k.fund.errors.format' }) })

/** The final settlement: ?format=csv, xlsx or pdf (the accountability report). Boards get their own figures. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async ({ db, actor, locale, t }) => {
    const { id, format } = ZExport.parse({ ...(await params), format: new URL(req.url).searchParams.get('format') ?? 'pdf' })
    const data = await settlement(db, actor, id)
    const base = fileSlug(t('fund.settlement.file', { region: data.grant.region.name, from: String(data.grant.startYear), to: String(data.grant.endYear) }))
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
    if (format === 'csv') return new Response(settlementCsv(data, locale), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`${base}.csv`) } })
    if (format === 'xlsx')
      return new Response(new Uint8Array(await settlementXlsx(data, locale)), {
        headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': attachment(`${base}.xlsx`) },
      })
    return new Response(new Uint8Array(await settlementPdf(data, locale)), { headers: { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': attachment(`${base}.pdf`) } })
  })
}
