import { z } from 'zod'
// The generic route wrapper (actor from the session, AppError → translated JSON + status) lives with the fund domain.
import { attachment, withActor } from '@/server/api/route-handler'
import { fileSlug } from '@/server/lib/content-disposition'
import { toAmsterdam } from '@/server/lib/time'
import { zId } from '@/server/lib/zod'
import { participantRows } from '@/server/slots/publishing'
import { participantsCsv, participantsXlsx } from '@/server/slots/export'

const ZExport = z.object({ slotId: zId, format: z.enum(['csv', 'xlsx']) })

/** A slot's participant list for its publisher: ?format=csv or ?format=xlsx. */
export async function GET(req: Request, { params }: { params: Promise<{ slotId: string }> }) {
  return withActor(req, async ({ db, actor, locale, t }) => {
    const { slotId, format } = ZExport.parse({ ...(await params), format: new URL(req.url).searchParams.get('format') ?? 'csv' })
    const data = await participantRows(db, actor, slotId)
    const base = fileSlug(t('slots.export.file', { programme: data.slot.programme.name, date: toAmsterdam(data.slot.startsAt).date }))
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
    if (format === 'csv') return new Response(participantsCsv(data, locale), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`${base}.csv`) } })
    const xlsx = await participantsXlsx(data, locale)
    return new Response(new Uint8Array(xlsx), { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': attachment(`${base}.xlsx`) } })
  })
}
