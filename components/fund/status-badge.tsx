import clsx from 'clsx'
import { useTranslations } from 'next-intl'
import type { FundReportStatus } from '@/server/db/generated/enums'

const tones: Record<FundReportStatus, string> = {
  DRAFT: 'bg-slate-100 text-slate-900 border-slate-400',
  SUBMITTED: 'bg-amber-50 text-amber-950 border-amber-600',
  APPROVED: 'bg-green-50 text-green-900 border-green-700',
  REJECTED: 'bg-red-50 text-red-900 border-red-700',
}

export function StatusBadge({ status }: { status: FundReportStatus }) {
  const t = useTranslations('fund.statuses')
  return <span className={clsx('inline-block rounded border px-2 py-0.5 text-xs font-medium', tones[status])}>{t(status)}</span>
}
