import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader } from '@/components/ui/layout'
import { LinkButton, tapTarget } from '@/components/ui/button'
import { MarkAllReadButton, MarkReadButton } from '@/components/notifications/inbox-actions'

/** `/meldingen`: the signed-in user's notifications, newest first; unread ones marked and counted. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<{ ongelezen?: string; na?: string }> }) {
  const sp = await searchParams
  const unreadOnly = sp.ongelezen === '1'
  const [t, format, caller] = [await getTranslations('notifications'), await getAppFormatter(), await getCaller()]
  const [page, unread] = await Promise.all([guard(caller.notifications.list({ unreadOnly, ...(sp.na ? { cursor: sp.na } : {}) })), guard(caller.notifications.unreadCount())])
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('unreadBadge', { count: unread })}
        actions={
          <>
            <LinkButton variant="secondary" href="/meldingen/voorkeuren">
              {t('preferencesLink')}
            </LinkButton>
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-start gap-3">
        <nav aria-label={t('title')} className="flex gap-3 text-sm">
          <Link href="/meldingen" aria-current={!unreadOnly ? 'page' : undefined} className={`${tapTarget} ${unreadOnly ? 'text-brand-700 underline' : 'font-semibold text-slate-900'}`}>
            {t('showAll')}
          </Link>
          <Link href="/meldingen?ongelezen=1" aria-current={unreadOnly ? 'page' : undefined} className={`${tapTarget} ${unreadOnly ? 'font-semibold text-slate-900' : 'text-brand-700 underline'}`}>
            {t('showUnread')}
          </Link>
        </nav>
        {/* Stays after it worked (unread 0), so its confirmation stays on the page after the refresh. */}
        {unread > 0 || page.items.length > 0 ? <MarkAllReadButton /> : null}
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-white p-4 text-slate-700" data-testid="inbox-empty">
          {unreadOnly ? t('emptyUnread') : t('empty')}
        </p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="inbox">
          {page.items.map((n) => (
            <li key={n.id} className={`rounded-lg border p-4 ${n.read ? 'border-slate-300 bg-white' : 'border-brand-700 bg-brand-50'}`} data-testid="notification" data-read={n.read ? '1' : '0'}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-semibold break-words text-slate-900">
                    {!n.read ? <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-medium text-white">{t('unread')}</span> : null}
                    <Link href={`/meldingen/open/${n.id}`} className="text-brand-700 underline underline-offset-2">
                      {n.title}
                    </Link>
                  </p>
                  {n.body ? <p className="mt-1 break-words text-slate-700">{n.body}</p> : null}
                  <p className="mt-1 text-sm text-slate-600">
                    <time dateTime={n.createdAt.toISOString()}>{format.dateTime(n.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  </p>
                </div>
                {!n.read ? <MarkReadButton id={n.id} title={n.title} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <p className="mt-4">
          <LinkButton variant="secondary" href={`/meldingen?${unreadOnly ? 'ongelezen=1&' : ''}na=${encodeURIComponent(page.nextCursor)}`}>
            {t('more')}
          </LinkButton>
        </p>
      ) : null}
    </>
  )
}
