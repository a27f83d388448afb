import { withActor } from '@/server/api/route-handler'
import { openNotification } from '@/server/notifications/inbox'

/** Opening a notification from the inbox: marks it read (the actor's own only) and goes to its subject. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return withActor(req, async ({ db, actor }) => {
    const link = await openNotification(db, actor, id)
    return new Response(null, { status: 303, headers: { Location: link, 'Cache-Control': 'no-store' } })
  })
}
