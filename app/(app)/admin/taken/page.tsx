import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { PageHeader, Card } from '@/components/ui/layout'
import { Alert } from '@/components/ui/alert'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications.jobs'))('title') }
}

/** The background jobs for the platform admin: each pg-boss queue, and the mail outbox (no personal data). */
export default async function JobsPage() {
  const [t, format, caller] = [await getTranslations('notifications.jobs'), await getAppFormatter(), await getCaller()]
  const status = await guard(caller.jobs.status())
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' }) : t('never'))
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div className="flex flex-wrap justify-between gap-x-3 border-b border-slate-100 py-1 last:border-0">
      <dt className="text-slate-700">{label}</dt>
      <dd className="min-w-0 text-right font-medium break-words text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <p className="mb-4 text-sm text-slate-800" data-testid="jobs-workers">
        {t('workers', { count: status.workers })}
      </p>
      {!status.boss ? <Alert tone="warning">{t('noBoss')}</Alert> : null}
      <Card title={t('outbox.title')}>
        <dl className="text-sm" data-testid="jobs-outbox">
          {row(t('outbox.pending'), status.outbox.pending, 'outbox-pending')}
          {row(t('outbox.failing'), status.outbox.failing, 'outbox-failing')}
          {row(t('outbox.oldest'), status.outbox.oldestPendingAt ? when(status.outbox.oldestPendingAt) : t('outbox.nothing'))}
          {row(t('outbox.sent24h'), status.outbox.sent24h)}
          {status.outbox.lastError ? row(t('outbox.lastError'), <span className="font-mono text-xs">{status.outbox.lastError}</span>) : null}
        </dl>
      </Card>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{t('queues')}</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {status.queues.map((q) => (
          <li key={q.name} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm" data-testid={`job-${q.name}`}>
            <h3 className="mb-2 font-mono text-sm font-semibold break-all text-slate-900">{q.name}</h3>
            <dl className="text-sm">
              {row(t('schedule'), <span className="font-mono">{q.cron}</span>)}
              {row(t('waiting'), q.waiting)}
              {row(t('active'), q.active)}
              {row(t('failed'), <span className={q.failed ? 'text-red-800' : undefined}>{q.failed}</span>)}
              {row(t('lastRun'), when(q.lastRunAt))}
              {row(t('lastFailure'), q.lastFailureAt ? when(q.lastFailureAt) : t('none'))}
              {q.lastError ? row(t('lastError'), <span className="font-mono text-xs">{q.lastError}</span>) : null}
            </dl>
          </li>
        ))}
      </ul>
    </>
  )
}
