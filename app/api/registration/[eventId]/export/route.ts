import { z } from 'zod'
import { attachment, withActor } from '@/server/api/route-handler'
import { fileSlug } from '@/server/lib/content-disposition'
import { zId } from '@/server/lib/zod'
import { listRegistrants } from '@/server/registration/manage'
import { registrantsCsv, registrantsXlsx } from '@/server/registration/export'

const ZExport = z.object({ eventId: zId, format: z.enum(['csv', 'xlsx']) })

/** An event's registrant list for its organisers: ?format=csv or ?format=xlsx (formula-safe cells). */
export async function GET(req: Request, { params }: { params: Promise<{ eventId: string }> }) {
  return withActor(req, async ({ db, actor, locale, t }) => {
    const { eventId, format } = ZExport.parse({ ...(await params), format: new URL(req.url).searchParams.get('format') ?? 'csv' })
    const data = await listRegistrants(db, actor, { eventId, limit: 100_000 })
    const sessions = await db.registrationSession.findMany({ where: { registration: { eventId } }, select: { id: true, title: true }, orderBy: { startsAt: 'asc' } })
    const base = fileSlug(t('registration.export.file', { event: data.event.title }))
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' }
    if (format === 'csv') return new Response(registrantsCsv(data, sessions, locale), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(`${base}.csv`) } })
    const xlsx = await registrantsXlsx(data, sessions, locale)
    return new Response(new Uint8Array(xlsx), { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': attachment(`${base}.xlsx`) } })
  })
}
