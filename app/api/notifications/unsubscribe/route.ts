import { withRequest } from '@/server/api/route-handler'
import { unsubscribe } from '@/server/notifications/preferences'
import { limitPublic } from '@/server/lib/rate-limit'

/**
 * RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the URL of the List-Unsubscribe
 * header. The signed token in the query names the user and the kind; nothing else is needed or read.
 * Public on purpose (the mail client has no session); rate-limited per IP like the public procedures.
 */
export async function POST(req: Request) {
  return withRequest(req, async ({ db, ip }) => {
    await limitPublic('write', ip)
    const token = new URL(req.url).searchParams.get('token') ?? ''
    const r = await unsubscribe(db, token)
    return Response.json({ unsubscribed: r.kind }, { headers: { 'Cache-Control': 'no-store' } })
  })
}
