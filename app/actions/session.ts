'use server'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { AuthError } from 'next-auth'
import { signIn, signOut } from '@/server/auth/config'
import { isLocale, LOCALE_COOKIE } from '@/server/i18n/config'
import { zEmail } from '@/server/lib/zod'
import { localPath } from '@/server/lib/local-path'
import { requestHost } from '@/server/lib/cross-site'

/**
 * The language switch: sets the cookie and returns to `back`, else to the page the form was sent from (the Referer,
 * which same-origin requests carry in full under the app's strict-origin-when-cross-origin policy) — a pupil who
 * switches on a booking's manage page stays on it — else home. Only a path of this app (localPath).
 */
export async function setLocale(formData: FormData) {
  const locale = formData.get('locale')
  if (isLocale(locale)) (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 86400, sameSite: 'lax' })
  redirect(localPath(formData.get('back') ?? (await sentFrom())))
}

/** The path and query of the page a form was sent from, when that page is on this host. */
async function sentFrom(): Promise<string | undefined> {
  const h = await headers()
  const referer = h.get('referer')
  if (!referer || !URL.canParse(referer)) return undefined
  const url = new URL(referer)
  return url.host === requestHost(h) ? url.pathname + url.search : undefined
}

export async function signOutAction() {
  await signOut({ redirectTo: '/signin' })
}

/** Requests a magic link. Known and unknown addresses get the same answer (server/auth/config.ts). */
export async function emailSignIn(formData: FormData) {
  const parsed = zEmail.safeParse(formData.get('email'))
  if (!parsed.success) redirect('/signin?error=email')
  let next: string
  try {
    next = await signIn('nodemailer', { email: parsed.data, redirectTo: '/', redirect: false })
  } catch (err) {
    if (err instanceof AuthError) redirect('/signin?error=Default')
    throw err
  }
  redirect(new URL(next, 'http://x').searchParams.get('error') === 'RateLimited' ? '/signin?error=RateLimited' : '/signin/check-email')
}

export async function oidcSignIn(formData: FormData) {
  await signIn(String(formData.get('provider')), { redirectTo: '/' })
}
