import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { Card, PageHeader } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'
import { buttonClass } from '@/components/ui/button'
import { readRegistered, registeredMessage, registerPath } from '../registered-result'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registration.form'))('title'), robots: { index: false } }
}

/**
 * Where the public registration form lands without JavaScript after registering (post-redirect-get, ../actions): the
 * result the action kept for this page (../registered-result), so a reload shows it again instead of registering
 * again. Without a kept result (expired, or opened directly) it goes to the form.
 */
export default async function RegisteredPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params
  const result = await readRegistered()
  if (!result) redirect(registerPath(eventId))
  const t = await getTranslations('registration.form')
  return (
    <>
      <PageHeader title={t('title')} />
      <Card>
        <div data-testid="registration-done" className="flex flex-col gap-4">
          <Alert tone="success">{t(registeredMessage(result))}</Alert>
          <div>
            <Link href={registerPath(eventId)} className={buttonClass('secondary')}>
              {t('again')}
            </Link>
          </div>
        </div>
      </Card>
    </>
  )
}
