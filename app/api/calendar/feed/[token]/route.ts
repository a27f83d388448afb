import { publicReadDb } from '@/server/db/replica'
import { icsResponse } from '@/server/calendar/feed-response'
import { personalFeed } from '@/server/calendar/feed'

/**
 * Personal iCalendar feed. Calendar apps cannot sign in, so the secret token in the URL is the credential:
 * it is checked against its stored hash; a wrong or revoked token is 404. Read from the read replica when there is
 * one, like the public feeds: calendar apps poll it, and a feed seconds behind a booking is no stale page to a person.
 * Its texts are in `?lang=` when given, else in the owner's stored language, else Dutch.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token.replace(/\.ics$/, '')
  return icsResponse(req, (lang) => personalFeed(publicReadDb(), token, lang), 'overstap.ics')
}
