import { db } from '@/server/db/client'
import { icsResponse } from '@/server/calendar/feed-response'
import { personalFeed } from '@/server/calendar/feed'

/**
 * Personal iCalendar feed. Calendar apps cannot sign in, so the secret token in the URL is the credential:
 * it is checked against its stored hash; a wrong or revoked token is 404.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token.replace(/\.ics$/, '')
  return icsResponse(() => personalFeed(db, token), 'overstap.ics')
}
