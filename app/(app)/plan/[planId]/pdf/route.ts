import { withActor } from '@/server/api/route-handler'
import { attachment } from '@/server/lib/content-disposition'
import { getPlan } from '@/server/plan/view'
import { getEvaluation } from '@/server/plan/evaluation'
import { renderPlanPdf } from '@/server/plan/pdf'

/** GET /plan/<id>/pdf[?jaar=2020]: the plan (and that year's evaluation) as a PDF, as far as the actor may see it. */
export function GET(req: Request, { params }: { params: Promise<{ planId: string }> }) {
  return withActor(req, async ({ db, actor, t, locale }) => {
    const { planId } = await params
    const plan = await getPlan(db, actor, planId)
    const jaar = new URL(req.url).searchParams.get('jaar')
    const year = jaar && /^\d{4}$/.test(jaar) && plan.evaluationYears.includes(Number(jaar)) ? Number(jaar) : null
    const evaluation = year ? await getEvaluation(db, actor, { planId, year }) : null
    const pdf = await renderPlanPdf(plan, evaluation, t, locale)
    return new Response(new Uint8Array(pdf), {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': attachment(`${plan.title}.pdf`), 'Cache-Control': 'no-store' },
    })
  })
}
