import { NextResponse } from 'next/server'
import { db } from '@/server/db/client'
import { isDemoBuild } from '@/server/auth/demo'
import { createDemoSession } from '@/server/auth/demo-session'

/** One-click demo sign-in. In a production build isDemoBuild() is the constant false: this route is a 404. */
export async function POST(req: Request) {
  if (!isDemoBuild()) return new NextResponse('Not Found', { status: 404 })
  const form = await req.formData()
  const session = await createDemoSession(db, String(form.get('userId') ?? ''))
  if (!session) return new NextResponse('Not Found', { status: 404 })
  const res = NextResponse.redirect(new URL('/', req.url), 303)
  res.cookies.set('authjs.session-token', session.sessionToken, { httpOnly: true, sameSite: 'lax', path: '/', expires: session.expires })
  return res
}
