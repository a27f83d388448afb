import clsx from 'clsx'
import { useTranslations } from 'next-intl'
import type { IndicatorStatus } from '@/server/plan/status'

const tone: Record<IndicatorStatus, string> = {
  ON_TRACK: 'bg-green-100 text-green-900 border-green-700',
  BEHIND: 'bg-red-100 text-red-900 border-red-700',
  NO_DATA: 'bg-slate-100 text-slate-900 border-slate-500',
}

/** On track / behind / no data: in words (not colour alone). */
export function StatusBadge({ status }: { status: IndicatorStatus }) {
  const t = useTranslations('plan.status')
  return <span className={clsx('inline-block rounded border px-2 py-0.5 text-xs font-medium', tone[status])}>{t(status)}</span>
}
