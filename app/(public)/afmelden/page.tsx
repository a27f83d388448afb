import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { readUnsubscribeToken } from '@/server/notifications/unsubscribe-token'
import { PageHeader, Card } from '@/components/ui/layout'
import { UnsubscribeButton } from '@/components/notifications/unsubscribe-button'
import { unsubscribeAction } from './actions'

/** The tab's title (the page's own); not for search engines. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications.unsubscribe'))('title'), robots: { index: false } }
}

/**
 * `/afmelden?token=…`: the unsubscribe link of a notification mail; the button (not the link) turns the kind off. It
 * posts to a server action (./actions): no client providers, within the public first-load budget (README).
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? ''
  const [t, tAll] = [await getTranslations('notifications.unsubscribe'), await getTranslations()]
  const parsed = token ? readUnsubscribeToken(token) : null
  const kindName = !parsed ? '' : parsed.kind === 'digest' ? t('digestName') : tAll(`notifications.kinds.${parsed.kind}.name` as never)
  return (
    <>
      <PageHeader title={t('title')} />
      <Card>
        {parsed ? (
          <div className="flex flex-col gap-3">
            <p>{t('confirm', { kind: kindName })}</p>
            <UnsubscribeButton action={unsubscribeAction} token={token} label={t('button')} doneText={t('done', { kind: kindName })} />
          </div>
        ) : (
          <p role="alert">{t('invalid')}</p>
        )}
      </Card>
    </>
  )
}
