import type { Db } from '../../server/db/client.ts'
import { loadActor } from '../../server/auth/actor.ts'
import { DEMO_EMAIL_DOMAIN } from '../../server/auth/demo-session.ts'
import { createAgreement, createGoal, createIndicator, createPlan, setManualValue, setTarget } from '../../server/plan/plans.ts'
import { adopt } from '../../server/plan/versions.ts'
import { setLinks } from '../../server/plan/links.ts'
import { applyDecisions, openEvaluation, saveGoalEvaluation } from '../../server/plan/evaluation.ts'
import { endorse } from '../../server/plan/endorsements.ts'

/**
 * Demo data for the plan domain, written through the plan's own services (audited, versioned) as the platform
 * admin: a plan 2018–2021 for each demo region with goals over several themes, computed and manual indicators,
 * linked fund lines and events, mutual agreements, board endorsement, and completed 2019 and 2020 evaluations
 * (the 2019 decisions carried into a new version). Idempotent: a region that already has a plan is skipped.
 */
export async function seedPlan(db: Db): Promise<void> {
  const admin = await db.user.findUnique({ where: { email: `beheer@${DEMO_EMAIL_DOMAIN}` }, select: { id: true } })
  if (!admin) return
  const actor = (await loadActor(db, admin.id))!
  const regions = await db.region.findMany({ where: { slug: { in: ['twente', 'utrecht', 'groningen'] } }, orderBy: { slug: 'asc' } })
  let made = 0
  for (const region of regions) {
    if (await db.plan.findFirst({ where: { regionId: region.id }, select: { id: true } })) continue
    const plan = await createPlan(db, actor, { regionId: region.id, title: `Ambitieagenda LOB ${region.name} 2018–2021`, startYear: 2018, endYear: 2021 })
    const orgs = await db.organisation.findMany({ where: { regions: { some: { regionId: region.id } } }, select: { id: true, sector: true }, orderBy: { brin: 'asc' } })
    const vo = orgs.filter((o) => o.sector === 'VO').slice(0, 2).map((o) => o.id)
    const mbo = orgs.filter((o) => o.sector === 'MBO').slice(0, 1).map((o) => o.id)
    const meeloop = await createGoal(db, actor, { planId: plan.id, themeId: 'plantheme-vervolgonderwijs', title: 'Elke leerling loopt mee in het vervolgonderwijs', description: 'Alle havo/vwo-leerlingen in klas 4 en vmbo-leerlingen in klas 3 lopen minstens één dag mee in mbo of ho.', organisationIds: [...vo, ...mbo] })
    const switchGoal = await createGoal(db, actor, { planId: plan.id, themeId: 'plantheme-studiekeuze', title: 'Minder switch en uitval in het eerste jaar', description: 'Betere studiekeuze door gezamenlijke voorlichting en warme overdracht.', organisationIds: mbo })
    const prof = await createGoal(db, actor, { planId: plan.id, themeId: 'plantheme-professionalisering', title: 'Decanen en mentoren geschoold in loopbaangesprekken', description: '', organisationIds: vo })
    const events = await createIndicator(db, actor, { goalId: meeloop.id, name: 'Gezamenlijke open dagen', kind: 'ACTIVITY', direction: 'HIGHER', activityMetric: 'EVENTS', eventType: 'OPEN_DAG', baselineYear: 2018, baselineValue: 0 })
    const booked = await createIndicator(db, actor, { goalId: meeloop.id, name: 'Leerlingen geboekt voor proefstuderen/meelopen', kind: 'ACTIVITY', direction: 'HIGHER', activityMetric: 'BOOKED' })
    const money = await createIndicator(db, actor, { goalId: meeloop.id, name: 'Besteed aan open dagen (goedgekeurd)', kind: 'FUND', direction: 'HIGHER', fundMetric: 'APPROVED' })
    const sw = await createIndicator(db, actor, { goalId: switchGoal.id, name: 'Switch na jaar 1, havo → mbo/ho', kind: 'TRANSITIONS', direction: 'LOWER', transitionMetric: 'switchedPct', track: 'HAVO', baselineYear: 2018, baselineValue: 22 })
    const trained = await createIndicator(db, actor, { goalId: prof.id, name: 'Geschoolde decanen en mentoren', kind: 'MANUAL', direction: 'HIGHER', sourceNote: 'Presentielijsten scholingsdagen', baselineYear: 2018, baselineValue: 12 })
    for (const [year, v] of [[2019, 1], [2020, 2], [2021, 2]] as const) await setTarget(db, actor, { indicatorId: events.id, year, value: v })
    for (const [year, v] of [[2019, 20], [2020, 40], [2021, 60]] as const) await setTarget(db, actor, { indicatorId: booked.id, year, value: v })
    for (const [year, v] of [[2019, 20], [2020, 18], [2021, 16]] as const) await setTarget(db, actor, { indicatorId: sw.id, year, value: v })
    for (const [year, v] of [[2019, 25], [2020, 40], [2021, 50]] as const) await setTarget(db, actor, { indicatorId: trained.id, year, value: v })
    await setTarget(db, actor, { indicatorId: money.id, year: 2019, value: 1_000_000 })
    await setManualValue(db, actor, { indicatorId: trained.id, year: 2019, value: 28, sourceNote: 'Presentielijsten 2019/20' })
    await setManualValue(db, actor, { indicatorId: trained.id, year: 2020, value: 34, sourceNote: 'Presentielijsten 2020/21' })
    // Do: the fund's lines and the region's published events in the plan's period.
    const lines = await db.fundBudgetLine.findMany({ where: { grant: { regionId: region.id }, activity: { in: ['Gezamenlijke open dagen', 'Professionalisering decanen'] } }, select: { id: true, activity: true } })
    await setLinks(db, actor, { goalId: meeloop.id, kind: 'budgetLine', ids: lines.filter((l) => l.activity === 'Gezamenlijke open dagen').map((l) => l.id) })
    await setLinks(db, actor, { goalId: prof.id, kind: 'budgetLine', ids: lines.filter((l) => l.activity === 'Professionalisering decanen').map((l) => l.id) })
    const evs = await db.calendarEvent.findMany({ where: { status: 'PUBLISHED', regions: { some: { regionId: region.id, decision: 'PUBLISHED' } }, startsAt: { gte: new Date('2018-08-01'), lt: new Date('2022-08-01') } }, select: { id: true }, take: 5 })
    await setLinks(db, actor, { goalId: meeloop.id, kind: 'event', ids: evs.map((e) => e.id) })
    await createAgreement(db, actor, { planId: plan.id, party: 'VO', commitment: 'Elke school plant twee meeloopdagen in het voorexamenjaar in het jaarrooster.', owner: 'Decanen vo', dueDate: '2019-09-01' })
    await createAgreement(db, actor, { planId: plan.id, party: 'MBO', commitment: 'Het mbo biedt per sector minstens tien meeloopplaatsen per maand.', owner: 'Teamleiders mbo', dueDate: '2019-10-01' })
    await createAgreement(db, actor, { planId: plan.id, party: 'HBO', commitment: 'Het hbo koppelt studiekeuzecheck-uitkomsten terug aan de vo-school.', owner: 'Studiekeuzeadviseurs hbo', dueDate: '2020-03-01' })
    await adopt(db, actor, { planId: plan.id, reason: 'Vastgesteld in het regionaal overleg' })
    const board = await db.board.findFirst({ where: { organisations: { some: { regions: { some: { regionId: region.id } } } } }, select: { id: true }, orderBy: { number: 'asc' } })
    const reporter = board && (await db.user.findFirst({ where: { roles: { some: { role: 'BOARD_REPORTER', boardId: board.id } } }, select: { id: true } }))
    const version = await db.planVersion.findFirstOrThrow({ where: { planId: plan.id }, orderBy: { number: 'desc' } })
    if (reporter) await endorse(db, (await loadActor(db, reporter.id))!, { versionId: version.id, boardId: board!.id, decision: 'AGREE', comment: 'Akkoord namens het bestuur.' })
    // Check and Act: 2019 and 2020 evaluated; the 2019 decisions carried into version 2.
    for (const year of [2019, 2020]) {
      await openEvaluation(db, actor, { planId: plan.id, year })
      await saveGoalEvaluation(db, actor, { planId: plan.id, year, goalId: meeloop.id, evaluation: 'Meer meeloopdagen dan vorig jaar, maar vmbo blijft achter.', decision: year === 2019 ? 'ADJUST' : 'CONTINUE', decisionNote: year === 2019 ? 'Aparte meeloopdagen voor vmbo-kader.' : '' })
      await saveGoalEvaluation(db, actor, { planId: plan.id, year, goalId: prof.id, evaluation: 'Scholing loopt volgens plan.', decision: 'CONTINUE', decisionNote: '' })
      await saveGoalEvaluation(db, actor, { planId: plan.id, year, goalId: switchGoal.id, evaluation: 'Switchcijfers zijn nog niet door alle instellingen gedeeld.', decision: year === 2019 ? 'NEW_GOAL' : undefined, decisionNote: year === 2019 ? 'Warme overdracht vo–mbo voor risicoleerlingen' : '' })
    }
    await applyDecisions(db, actor, { planId: plan.id, year: 2019 })
    made++
  }
  console.log(`Seed: ${made} regional plan(s).`)
}
