/**
 * The plan's PDF (server/plan/pdf.ts) in its built-in WinAnsi fonts: "→" and "≤" printed as "!’" and '"d' (pdfkit
 * split their UTF-16 code over two bytes), and agreement due dates as raw ISO. And applying a NEW_GOAL decision whose
 * note is cut to the 200 characters of a goal title: cut in an emoji's middle, the write failed on every retry.
 */
import { inflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { loadActor } from '../auth/actor.ts'
import { translator } from '../i18n/translate.ts'
import type { Locale } from '../i18n/config.ts'
import { callerFor, db } from '../test/helpers.ts'
import { getPlan } from './view.ts'
import { getEvaluation } from './evaluation.ts'
import { renderPlanPdf } from './pdf.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string
let goalId: string
const YEAR = 2019

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  const c = await callerFor(w.a.coordinator.id)
  planId = (await c.plan.create({ regionId: w.a.region.id, title: 'Ambitieagenda Achterhoek', startYear: YEAR, endYear: YEAR + 2 })).id
  goalId = (await c.plan.createGoal({ planId, themeId: 'plantheme-studiekeuze', title: 'Soepele overstap', organisationIds: [] })).id
  // No bookings in that year: the figure is "≤5 / protected".
  await c.plan.createIndicator({ goalId, name: 'Meeloopdagen havo → mbo/ho', kind: 'ACTIVITY', activityMetric: 'BOOKED', level: 'HAVO', reason: 'Activiteit' })
  await c.plan.createAgreement({ planId, party: 'MBO', commitment: 'Open lessen voor havisten', owner: 'ROC', dueDate: '2027-03-15', reason: 'Afspraak' })
  await c.plan.openEvaluation({ planId, year: YEAR })
})

/** Every content stream of a pdfkit PDF inflated (FlateDecode), the rest as it is. */
function pdfContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const out: string[] = []
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1]!, 'latin1')
    try {
      out.push(inflateSync(bytes).toString('latin1'))
    } catch {
      out.push(m[1]!)
    }
  }
  return out.join('\n')
}

/** The shown text of a pdfkit PDF: the hex strings of its TJ operators, decoded as WinAnsi (as the fund's PDF test). */
function pdfText(pdf: Buffer): string {
  const out: string[] = []
  for (const m of pdfContent(pdf).matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('')
    out.push(Buffer.from(hex, 'hex').toString('latin1').replace(/\x80/g, '€').replace(/\x92/g, '’').replace(/\x96/g, '–').replace(/\x97/g, '—').replace(/\x95/g, '•').replace(/\xa0/g, ' '))
  }
  return out.join('\n')
}

async function render(locale: Locale) {
  const actor = (await loadActor(db, w.a.coordinator.id))!
  const plan = await getPlan(db, actor, planId)
  const evaluation = await getEvaluation(db, actor, { planId, year: YEAR })
  return pdfText(await renderPlanPdf(plan, evaluation, translator(locale), locale))
}

describe('plan PDF: characters and dates', () => {
  it.each([
    ['nl', '≤5 / afgeschermd', '<=5 / afgeschermd', '15 mrt. 2027'],
    ['en', '≤5 / protected', '<=5 / protected', '15 Mar 2027'],
  ] as const)('%s: arrows and ≤ in characters the font has, the due date in the language', async (locale, catalogue, shown, due) => {
    expect(translator(locale)('plan.indicators.suppressed')).toBe(catalogue)
    const text = await render(locale)
    expect(text).toContain('Meeloopdagen havo -> mbo/ho')
    expect(text).toContain(shown)
    expect(text).toContain(`ROC, ${due}`)
    expect(text).not.toContain('2027-03-15')
    expect(text).not.toMatch(/!’|"d5/)
  })
})

describe('plan: applying a new goal whose note is cut inside an emoji', () => {
  it('the new goal’s title is cut on a whole character; the decision is applied', async () => {
    const c = await callerFor(w.a.coordinator.id)
    const note = `${'a'.repeat(199)}😀 extra`
    await c.plan.saveGoalEvaluation({ planId, year: YEAR, goalId, evaluation: 'Loopt', decision: 'NEW_GOAL', decisionNote: note })
    const applied = await c.plan.applyDecisions({ planId, year: YEAR })
    expect(applied.applied).toBe(1)
    const goals = await db.planGoal.findMany({ where: { planId }, select: { title: true } })
    expect(goals.map((g) => g.title)).toContain('a'.repeat(199))
  })
})
