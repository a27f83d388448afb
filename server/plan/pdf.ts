/**
 * The plan as a PDF for board meetings and the ministry (pdfkit; no headless browser): the plan with its goals,
 * indicators and agreements, the year's evaluation and the fund summary per goal. Built from the same views as the
 * pages (getPlan, getEvaluation), so the PDF shows exactly what the actor may see. Dates and amounts in the PDF's
 * language, as on the pages; its text in the characters its built-in fonts have (`winAnsi`).
 */
import PDFDocument from 'pdfkit'
import type { Translate } from '../i18n/translate.ts'
import type { Locale } from '../i18n/config.ts'
import { formatCents } from '../fund/money.ts'
import { formatAmsterdam } from '../lib/time.ts'
import type { PlanView } from './view.ts'
import type { EvaluationView } from './evaluation.ts'
import { formatIndicatorValue, isBookingIndicator } from './format.ts'
import { winAnsi } from '../lib/pdf-text.ts'

export function renderPlanPdf(plan: PlanView, evaluation: EvaluationView | null, t: Translate, locale: Locale): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: plan.title, Subject: `${plan.region.name} ${plan.startYear}–${plan.endYear}`, Creator: 'Overstap' }, lang: locale })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  // Every text of the PDF goes through these four, and so through `winAnsi`: the built-in Helvetica has WinAnsi only.
  const h1 = (s: string) => doc.font('Helvetica-Bold').fontSize(18).text(winAnsi(s)).moveDown(0.3)
  const h2 = (s: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(winAnsi(s)).moveDown(0.2)
  const h3 = (s: string) => doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(winAnsi(s))
  const p = (s: string) => doc.font('Helvetica').fontSize(10).text(winAnsi(s))
  const themeName = (th: { nameNl: string; nameEn: string }) => (locale === 'nl' ? th.nameNl : th.nameEn)

  h1(plan.title)
  p(`${t('plan.region')}: ${plan.region.name} · ${t('plan.period')}: ${plan.startYear}–${plan.endYear} · ${plan.version ? t('plan.versionN', { n: plan.version }) : t('plan.draft')}`)
  const current = plan.versions[0]
  if (current) {
    h2(t('plan.endorsements.title'))
    if (!current.endorsements.length) p(t('plan.endorsements.none'))
    for (const e of current.endorsements) p(`${e.board.name}: ${t(`plan.endorsements.decisions.${e.decision}`)}${e.comment ? ` — ${e.comment}` : ''}`)
  }

  h2(t('plan.goals.title'))
  for (const g of plan.goals) {
    h3(`${g.title} (${themeName(g.theme)})${g.status === 'STOPPED' ? ` — ${t('plan.goals.stopped')}` : ''}`)
    if (g.description) p(g.description)
    if (g.organisations.length) p(`${t('plan.goals.organisations')}: ${g.organisations.map((o) => o.name).join(', ')}`)
    for (const i of g.indicators) {
      const baseline = i.baselineYear !== null && i.baselineValue !== null ? `${i.baselineYear}: ${formatIndicatorValue(i.kind, i.baselineValue, locale, i.config)}` : '—'
      const targets = i.targets.map((x) => `${x.year}: ${formatIndicatorValue(i.kind, x.value, locale, i.config)}`).join(', ') || '—'
      p(`• ${i.name} — ${t('plan.indicators.baseline')}: ${baseline}; ${t('plan.indicators.targets')}: ${targets}`)
    }
  }

  if (plan.agreements.length) {
    h2(t('plan.agreements.title'))
    for (const a of plan.agreements) p(`• ${t(`plan.parties.${a.party}`)}: ${a.commitment} — ${a.owner}, ${formatAmsterdam(a.dueDate, 'd MMM yyyy', locale)} (${t(`plan.agreements.statuses.${a.status}`)})`)
  }

  if (evaluation) {
    h2(t('plan.evaluation.titleYear', { year: `${evaluation.year}/${String((evaluation.year + 1) % 100).padStart(2, '0')}` }))
    for (const g of evaluation.goals) {
      h3(g.title)
      if (!g.indicators.length) p(t('plan.indicators.none'))
      for (const i of g.indicators) {
        const actual = i.suppressed ? t('plan.indicators.suppressed') : i.actual === null ? t('plan.indicators.noValue') : formatIndicatorValue(i.kind, i.actual, locale, i.config)
        const target = i.target === null ? '—' : formatIndicatorValue(i.kind, i.target, locale, i.config)
        p(`• ${i.name}: ${actual} (${t('plan.indicators.targetValue', { value: target })}) — ${t(`plan.status.${i.status}`)}`)
      }
      if (g.indicators.some((i) => isBookingIndicator(i.kind, i.config))) p(t('plan.indicators.bookingsCounted'))
      if (g.evaluation) p(`${t('plan.evaluation.text')}: ${g.evaluation}`)
      if (g.decision) p(`${t('plan.evaluation.decision')}: ${t(`plan.decisions.${g.decision}`)}${g.decisionNote ? ` — ${g.decisionNote}` : ''}`)
      for (const c of g.contributions) p(`${c.organisation.name}: ${c.text}`)
    }
  }

  h2(t('plan.dashboard.money'))
  for (const g of plan.goals) p(`${g.title}: ${t('plan.dashboard.budgeted')} ${formatCents(g.money.budgetedCents, locale)} · ${t('plan.dashboard.approved')} ${formatCents(g.money.approvedCents, locale)}`)
  const total = plan.goals.reduce((s, g) => ({ b: s.b + g.money.budgetedCents, a: s.a + g.money.approvedCents }), { b: 0, a: 0 })
  p(`${t('plan.dashboard.total')}: ${t('plan.dashboard.budgeted')} ${formatCents(total.b, locale)} · ${t('plan.dashboard.approved')} ${formatCents(total.a, locale)}`)
  doc.end()
  return done
}
