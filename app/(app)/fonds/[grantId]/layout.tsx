import type { ReactNode } from 'react'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { GrantTabs } from '@/components/fund/grant-tabs'

/**
 * Every page of a grant: where it sits (the fund list / the grant) and the grant's sections as tabs with their own
 * URLs. The fund's readers get every section; the penvoerder's staff only the payments.
 */
export default async function GrantLayout({ children, params }: { children: ReactNode; params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const header = await guard((await getCaller()).fund.grantHeader({ grantId }))
  const t = await getTranslations('fund')
  const base = `/fonds/${header.id}`
  const tabs = header.access.read
    ? [
        { href: base, label: t('tabs.overview') },
        { href: `${base}/begroting`, label: t('tabs.budget') },
        { href: `${base}/rapportages`, label: t('tabs.reports') },
        { href: `${base}/betalingen`, label: t('tabs.payments') },
        { href: `${base}/resultaten`, label: t('tabs.results') },
        ...(header.access.region ? [{ href: `${base}/verantwoording`, label: t('tabs.accountability') }] : []),
        { href: `${base}/afrekening`, label: t('tabs.settlement') },
      ]
    : [{ href: `${base}/betalingen`, label: t('tabs.payments') }]
  return (
    <>
      <p className="mb-2 text-sm break-words text-slate-700 print:hidden">
        <Link href="/fonds" className="text-brand-700 underline">
          {t('title')}
        </Link>{' '}
        / {header.fundName} · {header.region.name} · {header.startYear}–{header.endYear}
      </p>
      <GrantTabs tabs={tabs} label={t('tabs.label')} />
      {children}
    </>
  )
}
