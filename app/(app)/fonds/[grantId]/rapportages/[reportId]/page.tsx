import Link from 'next/link'
import { Flash } from '@/components/ui/flash'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getCaller } from '@/server/api/server'
import { guard } from '@/server/api/page-guard'
import { Alert } from '@/components/ui/alert'
import { Card, PageHeader } from '@/components/ui/layout'
import { StatusBadge } from '@/components/fund/status-badge'
import { EditReportForm } from '@/components/fund/report-form'
import { EvidenceUpload } from '@/components/fund/evidence-upload'
import { RemoveEvidenceButton, ReportSteps } from '@/components/fund/report-actions'
import { moneyFormatter } from '@/components/fund/money'
import { ServesGoals } from '@/components/plan/serves-goals'
import { calendarLocale } from '@/components/calendar/locale'
import { formatAmsterdam } from '@/server/lib/time'

export default async function ReportPage({ params }: { params: Promise<{ grantId: string; reportId: string }> }) {
  const { grantId, reportId } = await params
  const report = await guard((await getCaller()).fund.report({ id: reportId }))
  if (report.budgetLine.grantId !== grantId) notFound()
  const [t, money, locale] = [await getTranslations('fund'), await moneyFormatter(), await calendarLocale()]
  const spentOn = report.spentOn.toISOString().slice(0, 10)
  const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} kB`
  return (
    <>
      <p className="mb-2">
        <Link href={`/fonds/${grantId}`} className="text-brand-700 underline">
          ← {t('title')}
        </Link>
      </p>
      <PageHeader title={t('reports.detailTitle', { activity: report.budgetLine.activity })} description={`${report.board.name} · ${report.budgetLine.year} · ${t('reports.version', { version: report.version })}`} />
      <ServesGoals kind="budgetLine" id={report.budgetLineId} />
      <div className="mb-4 flex flex-col gap-2">
        <div>
          <StatusBadge status={report.status} />
        </div>
        {report.status === 'REJECTED' && report.rejectReason ? <Alert tone="warning">{t('reports.rejectedBecause', { reason: report.rejectReason })}</Alert> : null}
        {report.status === 'APPROVED' ? <Alert tone="success">{t('reports.immutable')}</Alert> : null}
        {report.yearClosed ? <Alert tone="info">{t('reports.yearClosed', { year: report.budgetLine.year })}</Alert> : null}
      </div>
      <Card title={t('reports.title')}>
        {report.can.edit ? (
          <EditReportForm
            year={report.budgetLine.year}
            report={{ id: report.id, version: report.version, amountCents: report.amountCents, coFinancedCents: report.coFinancedCents, spentOn, description: report.description, category: report.category }}
          />
        ) : (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 md:grid-cols-[max-content_1fr]" data-testid="fund-report-details">
            <dt className="font-medium">{t('reports.amount')}</dt>
            <dd>{money(report.amountCents)}</dd>
            <dt className="font-medium">{t('reports.coFinanced')}</dt>
            <dd>{money(report.coFinancedCents)}</dd>
            <dt className="font-medium">{t('reports.spentOn')}</dt>
            <dd>{formatAmsterdam(report.spentOn, 'd MMM yyyy', locale)}</dd>
            <dt className="font-medium">{t('reports.category')}</dt>
            <dd>{t(`categories.${report.category}`)}</dd>
            <dt className="font-medium">{t('reports.description')}</dt>
            <dd>{report.description}</dd>
          </dl>
        )}
      </Card>
      <Flash />
      <Card title={t('reports.evidence')}>
        {report.evidence.length === 0 ? (
          <p className="mb-3">{t('reports.noEvidence')}</p>
        ) : (
          <ul className="mb-3 list-disc pl-5" data-testid="fund-evidence">
            {report.evidence.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <a href={`/api/fund/evidence/${e.id}`} className="text-brand-700 underline">
                  {e.filename}
                </a>
                <span className="text-slate-700">({kb(e.sizeBytes)})</span>
                {report.can.edit ? (
                  <RemoveEvidenceButton
                    id={e.id}
                    label={`${t('reports.removeEvidence')}: ${e.filename}`}
                    confirm={t('reports.removeEvidenceConfirm', { name: e.filename })}
                    done={t('reports.evidenceRemoved', { name: e.filename })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {report.can.edit ? <EvidenceUpload reportId={report.id} /> : null}
      </Card>
      <ReportSteps
        id={report.id}
        version={report.version}
        canSubmit={report.can.edit}
        canDecide={report.can.decide}
        titles={{ submit: t('reports.submit'), decide: t('reports.pendingTitle') }}
        subject={{ amount: money(report.amountCents), board: report.board.name }}
      />
    </>
  )
}
