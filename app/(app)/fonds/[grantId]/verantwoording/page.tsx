import { getTranslations } from 'next-intl/server'
import { calendarLocale } from '@/components/calendar/locale'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { formatAmsterdam } from '@/server/lib/time'
import { moneyFormatter } from '@/components/fund/money'
import { PrintButton } from '@/components/fund/print-button'
import { ScrollRegion } from '@/components/ui/scroll-region'

/** Printable accountability summary: the same approved figures as the export, laid out for paper (print CSS). */
export default async function AccountabilityPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params
  const data = await guard((await getCaller()).fund.accountability({ grantId }))
  const [t, tc, tl, money, dateLocale] = [await getTranslations('fund.export'), await getTranslations('fund.categories'), await getTranslations('fund.lines'), await moneyFormatter(), await calendarLocale()]
  const cell = 'border border-slate-400 px-2 py-1'
  const num = `${cell} text-right tabular-nums`
  return (
    <article className="fund-print">
      <style>{`@media print { header, nav, .no-print { display: none !important } main { max-width: none !important; padding: 0 !important } .fund-print table { font-size: 10pt } .fund-print tr { break-inside: avoid } }`}</style>
      <p className="no-print mb-4 flex gap-4">
        <PrintButton label={t('printButton')} />
      </p>
      <h1 className="mb-1 text-2xl font-bold">{t('summaryTitle', { fund: data.grant.fundName, region: data.grant.region.name })}</h1>
      <p className="mb-4 text-slate-700">
        {data.grant.penvoerder.name} · {data.grant.startYear}–{data.grant.endYear} · {t('generatedAt', { date: formatAmsterdam(new Date(), 'd MMMM yyyy HH:mm', dateLocale) })}
      </p>
      {/* On a phone the table scrolls within its own box (keyboard-reachable), not the page; on paper it is full width. */}
      <ScrollRegion label={t('caption')}>
      <table className="w-full border-collapse text-sm" data-testid="fund-accountability">
        <caption className="mb-2 text-left font-semibold">{t('caption')}</caption>
        <thead>
          <tr className="bg-slate-100">
            <th scope="col" className={cell}>{t('year')}</th>
            <th scope="col" className={cell}>{t('activity')}</th>
            <th scope="col" className={cell}>{t('board')}</th>
            <th scope="col" className={cell}>{t('category')}</th>
            <th scope="col" className={cell}>{t('reportCount')}</th>
            <th scope="col" className={cell}>{t('approvedEuro')}</th>
            <th scope="col" className={cell}>{t('coFinancedEuro')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => (
            <tr key={i}>
              <td className={cell}>{r.year}</td>
              <td className={cell}>{r.activity}</td>
              <td className={cell}>{r.boardName} ({r.boardNumber})</td>
              <td className={cell}>{r.category ? tc(r.category) : ''}</td>
              <td className={num}>{r.reportCount}</td>
              <td className={num}>{money(r.approvedCents)}</td>
              <td className={num}>{money(r.coFinancedCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {data.yearTotals.map((r) => (
            <tr key={r.year} className="font-semibold">
              <th scope="row" colSpan={4} className={`${cell} text-left`}>{t('yearTotal', { year: r.year ?? '' })}</th>
              <td className={num}>{r.reportCount}</td>
              <td className={num}>{money(r.approvedCents)}</td>
              <td className={num}>{money(r.coFinancedCents)}</td>
            </tr>
          ))}
          <tr className="bg-slate-100 font-bold">
            <th scope="row" colSpan={4} className={`${cell} text-left`}>{t('total')}</th>
            <td className={num}>{data.total.reportCount}</td>
            <td className={num} data-testid="fund-accountability-total">{money(data.total.approvedCents)}</td>
            <td className={num}>{money(data.total.coFinancedCents)}</td>
          </tr>
        </tfoot>
      </table>
      </ScrollRegion>
      <section className="mt-6" aria-labelledby="fund-line-events">
        <h2 id="fund-line-events" className="mb-2 text-lg font-semibold">
          {t('eventsTitle')}
        </h2>
        {data.lineEvents.length ? (
          <ul className="flex flex-col gap-2 text-sm" data-testid="fund-accountability-events">
            {data.lineEvents.map((l) => (
              <li key={l.id}>
                <span className="font-medium">
                  {l.year} · {l.activity}
                </span>
                <ul className="ml-5 list-disc">
                  {l.events.map((e) => (
                    <li key={e.id}>
                      {formatAmsterdam(e.startsAt, 'd MMMM yyyy', dateLocale)} · {e.title}
                      {e.status === 'CANCELLED' ? ` (${tl('cancelled')})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">{t('noEvents')}</p>
        )}
      </section>
    </article>
  )
}
