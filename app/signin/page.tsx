import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { redirect } from 'next/navigation'
import { emailSignIn, oidcSignIn } from '@/app/actions/session'
import { getActor } from '@/server/api/server'
import { oidcProviders } from '@/server/auth/config'
import { listDemoUsers } from '@/server/auth/demo-session'
import { db } from '@/server/db/client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { LanguageSwitcher } from '@/components/shell/language-switcher'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signin'))('title') }
}

const knownErrors = ['AccessDenied', 'Verification', 'RateLimited'] as const

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getActor()) redirect('/')
  const [{ error }, t, tr, demoUsers] = [await searchParams, await getTranslations('signin'), await getTranslations('roles'), await listDemoUsers(db)]
  const errorKey = error === 'email' ? null : error ? ((knownErrors as readonly string[]).includes(error) ? error : 'Default') : null
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-4 py-10">
      <div className="flex justify-end">
        <LanguageSwitcher back="/signin" />
      </div>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      {errorKey ? <Alert tone="error">{t(`error.${errorKey}` as never)}</Alert> : null}
      <form action={emailSignIn} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4">
        <label htmlFor="email" className="text-sm font-medium">
          {t('emailLabel')}
        </label>
        <input id="email" name="email" type="email" required autoComplete="email" className="rounded-md border border-slate-500 px-3 py-2" />
        <Button type="submit">{t('emailButton')}</Button>
      </form>
      {oidcProviders.length > 0 ? (
        <div className="flex flex-col gap-2">
          <p className="text-center text-sm text-slate-700">{t('or')}</p>
          {oidcProviders.map((p) => (
            <form key={p.id} action={oidcSignIn}>
              <input type="hidden" name="provider" value={p.id} />
              <Button type="submit" variant="secondary" className="w-full">
                {t('oidcButton', { provider: p.name })}
              </Button>
            </form>
          ))}
        </div>
      ) : null}
      {demoUsers.length > 0 ? (
        <section className="rounded-lg border border-amber-600 bg-amber-50 p-4" aria-labelledby="demo-title">
          <h2 id="demo-title" className="font-semibold">
            {t('demoTitle')}
          </h2>
          <p className="mb-2 text-sm">{t('demoIntro')}</p>
          <ul className="flex flex-col gap-2">
            {demoUsers.map((u) => (
              <li key={u.id}>
                <form action="/api/demo/sign-in" method="post">
                  <input type="hidden" name="userId" value={u.id} />
                  <Button type="submit" variant="secondary" className="w-full justify-start text-left">
                    {t('demoButton', { name: u.name ?? u.email })}
                    {u.roles[0] ? <span className="text-slate-700">({tr(u.roles[0].role)})</span> : null}
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  )
}
