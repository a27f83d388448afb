import { publicReadDb } from '@/server/db/replica'
import { zSlug } from '@/server/lib/zod'
import { icsResponse } from '@/server/calendar/feed-response'
import { regionFeed } from '@/server/calendar/feed'

/** Public iCalendar feed of a region's published events (no sign-in, like the public region page). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = zSlug.safeParse((await params).slug.replace(/\.ics$/, ''))
  if (!slug.success) return new Response('Not found', { status: 404 })
  return icsResponse(() => regionFeed(publicReadDb(), slug.data), `${slug.data}.ics`)
}
