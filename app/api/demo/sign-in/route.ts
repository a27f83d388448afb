import { NextResponse } from 'next/server'
import { z } from 'zod'
import { isDemoBuild } from '@/server/auth/demo'
import { createDemoSession } from '@/server/auth/demo-session'
import { withRequest } from '@/server/api/route-handler'
import { readForm } from '@/server/lib/body'
import { assertSafeText } from '@/server/lib/unsafe-text'
import { zId } from '@/server/lib/zod'

const MAX_FORM_BYTES = 4 * 1024

/** One-click demo sign-in. In a production build isDemoBuild() is the constant false: this route is a 404. */
export async function POST(req: Request) {
  if (!isDemoBuild()) return new NextResponse('Not Found', { status: 404 })
  return withRequest(req, async ({ db }) => {
    const form = await readForm(req, MAX_FORM_BYTES)
    const userId = form.get('userId')
    assertSafeText(userId, ['userId'])
    const session = await createDemoSession(db, z.object({ userId: zId }).parse({ userId }).userId)
    if (!session) return new NextResponse('Not Found', { status: 404 })
    const res = NextResponse.redirect(new URL('/', req.url), 303)
    res.cookies.set('authjs.session-token', session.sessionToken, { httpOnly: true, sameSite: 'lax', path: '/', expires: session.expires })
    return res
  })
}
