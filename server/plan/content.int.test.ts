/**
 * The plan page's content read in one statement (server/plan/content.ts), and the evaluation page's, equal the previous Prisma reads — the
 * same values, types (Dates, floats, JSON) and key order — on a plan with every relation filled: goals in position
 * order with a tie, organisations, indicators with JSON config, fractional baseline and targets, manual values,
 * linked events, programmes and budget lines, agreements with the same due date, versions with and without author,
 * endorsements with and without user, evaluations. The link lists had no defined order: compared as sets.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildBoard, buildTwoRegionWorld } from '../db/factories.ts'
import { buildBudgetLine, buildCalendarEvent, buildFundGrant } from '../fund/factories.ts'
import { fromAmsterdam } from '../lib/time.ts'
import { callerFor, db, expectTrpcError } from '../test/helpers.ts'
import { readContent, readEvaluationContent } from './content.ts'

type World = Awaited<ReturnType<typeof buildTwoRegionWorld>>
let w: World
let planId: string

/** The previous read (Prisma, one query per relation), as the reference. */
function previousContent(id: string) {
  return db.plan.findUniqueOrThrow({
    where: { id },
    include: {
      region: { select: { id: true, name: true } },
      goals: {
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        include: {
          theme: true,
          organisations: { select: { organisation: { select: { id: true, name: true } } } },
          indicators: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { targets: { orderBy: { year: 'asc' } }, manualValues: { orderBy: { year: 'asc' } } } },
          events: { select: { event: { select: { id: true, title: true, startsAt: true, type: true, status: true } } } },
          programmes: { select: { programme: { select: { id: true, name: true, level: true, organisation: { select: { name: true } } } } } },
          budgetLines: { select: { budgetLine: { select: { id: true, activity: true, year: true, amountCents: true } } } },
        },
      },
      agreements: { orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
      versions: {
        orderBy: { number: 'desc' },
        select: {
          id: true,
          number: true,
          reason: true,
          diff: true,
          createdAt: true,
          createdBy: { select: { name: true, email: true } },
          endorsements: { orderBy: { createdAt: 'asc' }, select: { id: true, decision: true, comment: true, createdAt: true, board: { select: { id: true, name: true } }, user: { select: { name: true } } } },
        },
      },
      evaluations: { orderBy: { year: 'asc' }, select: { id: true, year: true } },
    },
  })
}

/** The link lists sorted by their id (they had no order), everything else as read. */
function canonical<T extends { goals: { organisations: { organisation: { id: string } }[]; events: { event: { id: string } }[]; programmes: { programme: { id: string } }[]; budgetLines: { budgetLine: { id: string } }[] }[] }>(c: T): T {
  const by = <X>(key: (x: X) => string) => (a: X, b: X) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
  return {
    ...c,
    goals: c.goals.map((g) => ({
      ...g,
      organisations: [...g.organisations].sort(by((x) => x.organisation.id)),
      events: [...g.events].sort(by((x) => x.event.id)),
      programmes: [...g.programmes].sort(by((x) => x.programme.id)),
      budgetLines: [...g.budgetLines].sort(by((x) => x.budgetLine.id)),
    })),
  }
}

async function expectSame(id: string) {
  const now = canonical((await readContent(db, id))!)
  const before = canonical(await previousContent(id))
  expect(now).toStrictEqual(before)
  expect(JSON.stringify(now)).toBe(JSON.stringify(before)) // key order too
}

beforeAll(async () => {
  w = await buildTwoRegionWorld(db)
  planId = (await db.plan.create({ data: { regionId: w.a.region.id, title: 'Inhoud', startYear: 2019, endYear: 2022 } })).id
})

describe('plan content in one statement', () => {
  it('an empty plan, then one with every relation, reads as before', async () => {
    await expectSame(planId)
    const t0 = new Date('2020-03-01T10:00:00.123Z')
    const themes = await db.planTheme.findMany({ select: { id: true }, take: 2 })
    const goals: { id: string }[] = []
    for (const [i, position] of [2, 0, 0].entries())
      goals.push(await db.planGoal.create({ data: { planId, themeId: themes[i % themes.length]!.id, title: `Doel ${i}`, description: i ? `Omschrijving ‘${i}’ met "aanhalingstekens"` : '', position, status: i === 2 ? 'STOPPED' : 'ACTIVE', createdAt: new Date(t0.getTime() + (i === 2 ? 0 : 1000)) } }))
    await db.planGoalOrganisation.createMany({ data: [w.a.school, w.a.mbo, w.a.hbo].map((o) => ({ goalId: goals[0]!.id, organisationId: o.id })) })
    for (const [k, g] of goals.entries())
      for (let j = 0; j < 2; j++)
        await db.planIndicator.create({
          data: {
            goalId: g.id,
            name: `Indicator ${k}.${j}`,
            kind: j ? 'MANUAL' : 'ACTIVITY',
            config: j ? {} : { metric: 'BOOKED', level: 'HAVO', zeta: 1, a: [1, 'x'] },
            direction: j ? 'LOWER' : 'HIGHER',
            baselineYear: j ? 2018 : null,
            baselineValue: j ? 12.5 + 1 / 3 : null,
            sourceNote: j ? 'Telling' : null,
            createdAt: t0,
            targets: { create: [2021, 2019].map((year) => ({ year, value: year / 7 })) },
            manualValues: j ? { create: [2020, 2019].map((year) => ({ year, value: 0.1 + 0.2 + year, sourceNote: `Bron ${year}` })) } : undefined,
          },
        })
    const events = []
    for (const [i, status] of (['PUBLISHED', 'CANCELLED', 'PUBLISHED'] as const).entries())
      events.push(await buildCalendarEvent(db, { title: `Open dag ${i}`, startsAt: fromAmsterdam(`2019-10-0${i + 1}`, '10:15'), regionIds: [w.a.region.id], organiserId: w.a.mbo.id, status, type: i ? 'MEELOOPDAG' : 'OPEN_DAG' }))
    await db.planGoalEvent.createMany({ data: events.map((e) => ({ goalId: goals[1]!.id, eventId: e.id })) })
    for (let i = 0; i < 2; i++) {
      const p = await db.slotProgramme.create({ data: { organisationId: w.a.mbo.id, name: `Opleiding ${i}`, sector: 'MBO', level: i ? 'MBO_2' : 'MBO_4', code: String(40000 + Math.floor(Math.random() * 50000)) } })
      await db.planGoalProgramme.create({ data: { goalId: goals[i]!.id, programmeId: p.id } })
    }
    const grant = await buildFundGrant(db, { regionId: w.a.region.id, penvoerderId: w.a.mbo.id, fundName: `Inhoudsfonds ${Date.now()}` })
    for (let i = 0; i < 3; i++) {
      const line = await buildBudgetLine(db, { grantId: grant.id, year: 2019 + i, boardIds: [w.a.board.id], amountCents: 123_456 * (i + 1), activity: `Activiteit ${i}` })
      await db.planGoalBudgetLine.create({ data: { goalId: goals[i % 2]!.id, budgetLineId: line.id } })
    }
    for (const [i, dueDate] of ['2021-06-30', '2020-01-31', '2021-06-30'].entries())
      await db.planAgreement.create({ data: { planId, party: i ? 'MBO' : 'VO', commitment: `Afspraak ${i}`, owner: 'Decanen', dueDate: new Date(`${dueDate}T00:00:00Z`), status: i === 1 ? 'DONE' : 'OPEN' } })
    const v1 = await db.planVersion.create({ data: { planId, number: 1, reason: 'Vastgesteld', snapshot: {}, diff: [], createdById: null } })
    const v2 = await db.planVersion.create({ data: { planId, number: 2, reason: 'Wijziging', snapshot: { x: 1 }, diff: [{ entity: 'goal', label: 'Doel 1', kind: 'added', after: 'Doel 1' }], createdById: w.a.coordinator.id } })
    const other = await buildBoard(db)
    await db.planEndorsement.create({ data: { versionId: v2.id, boardId: w.a.board.id, decision: 'OBJECT', comment: 'Te weinig vmbo', userId: w.a.boardReporter.id, createdAt: t0 } })
    await db.planEndorsement.create({ data: { versionId: v2.id, boardId: other.id, decision: 'AGREE', userId: null, createdAt: new Date(t0.getTime() - 5000) } })
    await db.planEndorsement.create({ data: { versionId: v1.id, boardId: other.id, decision: 'AGREE' } })
    for (const year of [2021, 2019]) await db.planEvaluation.create({ data: { planId, year, openedById: w.a.coordinator.id } })
    await db.plan.update({ where: { id: planId }, data: { adoptedAt: new Date('2019-12-31T23:59:59.999Z'), version: 2 } })
    await expectSame(planId)
  })

  it('the evaluation page’s read gives the goals, indicators, goal evaluation and contributions as the previous Prisma read', async () => {
    const evaluations = await db.planEvaluation.findMany({ where: { planId }, orderBy: { year: 'asc' } })
    const goals = await db.planGoal.findMany({ where: { planId }, orderBy: { position: 'asc' } })
    const orgs = [w.a.school, w.a.mbo]
    await db.planGoalEvaluation.create({ data: { evaluationId: evaluations[0]!.id, goalId: goals[0]!.id, evaluation: 'Goed op weg', decision: 'ADJUST', decisionNote: 'Meer vmbo', appliedInVersion: 2 } })
    await db.planGoalEvaluation.create({ data: { evaluationId: evaluations[1]!.id, goalId: goals[0]!.id, evaluation: 'Later jaar' } })
    const t = new Date('2021-02-03T04:05:06.789Z')
    for (const [i, ev] of [evaluations[0]!, evaluations[0]!, evaluations[0]!, evaluations[1]!].entries())
      await db.planContribution.create({ data: { evaluationId: ev.id, goalId: goals[i % 2]!.id, organisationId: orgs[i % 2]!.id, text: `Bijdrage ${i}`, createdAt: new Date(t.getTime() - i * 60_000) } })
    for (const year of [2019, 2020, 2021]) {
      const ev = await db.planEvaluation.findUnique({ where: { planId_year: { planId, year } }, select: { id: true, createdAt: true } })
      const previous = await db.planGoal.findMany({
        where: { planId },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        include: {
          theme: true,
          indicators: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { targets: { orderBy: { year: 'asc' } }, manualValues: { orderBy: { year: 'asc' } } } },
          evaluations: { where: { evaluationId: ev?.id ?? '' } },
          contributions: { where: { evaluationId: ev?.id ?? '' }, orderBy: { createdAt: 'asc' }, select: { id: true, text: true, createdAt: true, organisation: { select: { id: true, name: true } } } },
        },
      })
      const now = (await readEvaluationContent(db, planId, year))!
      expect(now.evaluation).toStrictEqual(ev)
      expect(now.goals.map((g) => ({ ...g, theme: { ...g.theme } }))).toStrictEqual(
        previous.map((g) => {
          const ge = g.evaluations[0]
          return {
            id: g.id,
            title: g.title,
            status: g.status,
            theme: { nameNl: g.theme.nameNl, nameEn: g.theme.nameEn },
            indicators: g.indicators,
            evaluation: ge ? { evaluation: ge.evaluation, decision: ge.decision, decisionNote: ge.decisionNote, appliedInVersion: ge.appliedInVersion } : null,
            contributions: g.contributions,
          }
        }),
      )
      expect(JSON.stringify(now.goals.map((g) => g.contributions))).toBe(JSON.stringify(previous.map((g) => g.contributions)))
    }
    expect((await readEvaluationContent(db, planId, 2019))!.goals.some((g) => g.contributions.length > 1)).toBe(true)
  })

  it('no plan: null, and NOT_FOUND through the procedure as before', async () => {
    expect(await readContent(db, 'geen-plan')).toBeNull()
    expect(await readEvaluationContent(db, 'geen-plan', 2019)).toBeNull()
    const c = await callerFor(w.a.coordinator.id)
    await expectTrpcError(c.plan.get({ planId: 'geen-plan' }), 'NOT_FOUND')
    await expectTrpcError(c.plan.evaluation({ planId: 'geen-plan', year: 2019 }), 'NOT_FOUND')
    await expectTrpcError((await callerFor(w.b.coordinator.id)).plan.evaluation({ planId, year: 2019 }), 'FORBIDDEN')
    await expectTrpcError(c.plan.evaluation({ planId, year: 2030 }), 'BAD_REQUEST')
  })
})
