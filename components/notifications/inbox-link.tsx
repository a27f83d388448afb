import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'

/** The header's link to the inbox with the unread count (a badge, and the count in words for screen readers). */
export async function InboxLink() {
  const t = await getTranslations('notifications')
  const count = await (await getCaller()).notifications.unreadCount().catch(() => 0)
  return (
    <Link href="/meldingen" className="inline-flex items-center gap-1.5 rounded px-2 py-1 text-brand-700 hover:bg-slate-100" aria-label={`${t('nav')}: ${t('unreadBadge', { count })}`} data-testid="inbox-link">
      <span>{t('nav')}</span>
      {count > 0 ? (
        <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  )
}
