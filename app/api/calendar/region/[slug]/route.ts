import { publicReadDb } from '@/server/db/replica'
import { zSlug } from '@/server/lib/zod'
import { icsResponse } from '@/server/calendar/feed-response'
import { regionFeed } from '@/server/calendar/feed'

/** Public iCalendar feed of a region's published events (no sign-in, like the public region page); `?lang=en` for English texts (default Dutch). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = zSlug.safeParse((await params).slug.replace(/\.ics$/, ''))
  if (!slug.success) return new Response('Not found', { status: 404 })
  return icsResponse(req, (lang) => regionFeed(publicReadDb(), slug.data, lang), `${slug.data}.ics`)
}
