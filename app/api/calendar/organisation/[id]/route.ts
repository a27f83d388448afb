import { publicReadDb } from '@/server/db/replica'
import { zId } from '@/server/lib/zod'
import { icsResponse } from '@/server/calendar/feed-response'
import { organisationFeed } from '@/server/calendar/feed'

/** Public iCalendar feed of the published events an organisation organises; `?lang=en` for English texts (default Dutch). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = zId.safeParse((await params).id.replace(/\.ics$/, ''))
  if (!id.success) return new Response('Not found', { status: 404 })
  return icsResponse(req, (lang) => organisationFeed(publicReadDb(), id.data, lang), `${id.data}.ics`)
}
