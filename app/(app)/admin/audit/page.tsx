import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { getAppFormatter } from '@/server/i18n/formatter'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { AUDIT_DOMAINS, ZListAuditInput } from '@/server/tenancy/schema'
import { PageHeader } from '@/components/ui/layout'
import { DataTable } from '@/components/ui/table'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/alert'
import { DateField } from '@/components/ui/date-field'
import { AUDIT_ENTITY_TYPES, auditItemHref, auditSummary } from '@/components/tenancy/audit'

type Search = { domein?: string; soort?: string; van?: string; tot?: string; na?: string }

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.audit'))('title') }
}

/** The audit log: readable, filtered by domain, item type and period, in pages of 50 with the total shown. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams
  const [t, tc, format, caller] = [await getTranslations('admin.audit'), await getTranslations('common'), await getAppFormatter(), await getCaller()]
  const parsed = ZListAuditInput.safeParse({ domain: sp.domein || undefined, entityType: sp.soort || undefined, from: sp.van || undefined, to: sp.tot || undefined, cursor: sp.na || undefined, limit: 50 })
  const { entries, nextCursor, total } = await guard(caller.audit.list(parsed.success ? parsed.data : { limit: 50 }))
  const keep = (over: Partial<Search>) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries({ domein: sp.domein, soort: sp.soort, van: sp.van, tot: sp.tot, ...over })) if (v) p.set(k, v)
    return `?${p.toString()}`
  }
  const label = (key: string, fallback: string) => (t.has(key as never) ? t(key as never) : fallback)
  const control = 'rounded-md border border-slate-500 bg-white px-3 py-2 text-sm'
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {!parsed.success ? <Alert tone="warning">{t('badFilter')}</Alert> : null}
      <form method="get" role="search" aria-label={t('filters')} className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-domein" className="text-sm font-medium">{t('domain')}</label>
          <select id="audit-domein" name="domein" defaultValue={sp.domein ?? ''} className={control}>
            <option value="">{t('any')}</option>
            {AUDIT_DOMAINS.map((d) => (
              <option key={d} value={d}>
                {t(`domains.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-soort" className="text-sm font-medium">{t('entity')}</label>
          <select id="audit-soort" name="soort" defaultValue={sp.soort ?? ''} className={control}>
            <option value="">{t('any')}</option>
            {AUDIT_ENTITY_TYPES.map((e) => (
              <option key={e} value={e}>
                {label(`entities.${e}`, e)}
              </option>
            ))}
          </select>
        </div>
        <DateField label={t('from')} name="van" defaultValue={sp.van ?? ''} />
        <DateField label={t('to')} name="tot" defaultValue={sp.tot ?? ''} />
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
      </form>
      <p className="mb-2 text-sm text-slate-700" data-testid="audit-total">
        {t('total', { count: total })}
      </p>
      <DataTable
        caption={t('title')}
        rows={entries}
        rowKey={(e) => e.id}
        empty={tc('noResults')}
        columns={[
          { key: 'at', header: t('at'), cell: (e) => format.dateTime(e.at, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' }) },
          { key: 'who', header: t('who'), cell: (e) => (e.actor ? (e.actor.name ? `${e.actor.name} (${e.actor.email})` : e.actor.email) : t('system')) },
          {
            key: 'action',
            header: t('action'),
            cell: (e) => {
              const domain = e.action.split('.')[0] ?? ''
              return (
                <>
                  {label(`domains.${domain}`, domain)} · {label(`verbs.${e.action.split('.').at(-1)}`, t('verbs.update'))}
                </>
              )
            },
          },
          {
            key: 'entity',
            header: t('entity'),
            cell: (e) => {
              const href = auditItemHref(e.entityType, e.entityId)
              const text = label(`entities.${e.entityType}`, e.entityType)
              return href ? (
                <Link className="text-brand-700 underline" href={href} aria-label={t('open', { item: text })}>
                  {text}
                </Link>
              ) : (
                text
              )
            },
          },
          { key: 'changes', header: t('changes'), cell: (e) => auditSummary(e.before, e.after) },
        ]}
      />
      <nav aria-label={t('pages')} className="mt-3 flex gap-4 text-sm">
        {sp.na ? (
          <Link className="text-brand-700 underline" href={keep({ na: undefined })}>
            {t('newest')}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className="text-brand-700 underline" href={keep({ na: nextCursor })}>
            {t('older')}
          </Link>
        ) : null}
      </nav>
    </>
  )
}
