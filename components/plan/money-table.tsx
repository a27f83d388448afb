import { getTranslations } from 'next-intl/server'
import { formatCents } from '@/server/fund/money'
import { ScrollRegion } from '@/components/ui/scroll-region'

type GoalMoney = { id: string; title: string; money: { budgetedCents: number; approvedCents: number }; events: unknown[]; programmes: unknown[]; budgetLines: unknown[] }

/**
 * Server side: the money per goal (budgeted, approved) as a table in a box that scrolls on a narrow screen. `counts`
 * adds the numbers of each goal's events, programmes and budget lines, with the amounts in tabular figures (the plan
 * page; the printed plan shows the money only).
 */
export async function MoneyTable({ goals, locale, cell, counts = false, className, testId }: { goals: GoalMoney[]; locale: 'nl' | 'en'; cell: string; counts?: boolean; className?: string; testId?: string }) {
  const t = await getTranslations('plan')
  const amount = counts ? `${cell} text-right tabular-nums` : `${cell} text-right`
  const heads = ['goal', 'budgeted', 'approved', ...(counts ? (['events', 'programmes', 'lines'] as const) : [])] as const
  return (
    <ScrollRegion className={className} label={t('dashboard.money')}>
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className="sr-only">{t('dashboard.money')}</caption>
        <thead>
          <tr className="bg-slate-100">
            {heads.map((h) => <th key={h} scope="col" className={cell}>{t(`dashboard.${h}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {goals.map((g) => (
            <tr key={g.id}>
              <th scope="row" className={cell}>{g.title}</th>
              <td className={amount}>{formatCents(g.money.budgetedCents, locale)}</td>
              <td className={amount}>{formatCents(g.money.approvedCents, locale)}</td>
              {counts ? (
                <>
                  <td className={`${cell} text-right`}>{g.events.length}</td>
                  <td className={`${cell} text-right`}>{g.programmes.length}</td>
                  <td className={`${cell} text-right`}>{g.budgetLines.length}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
