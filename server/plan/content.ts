/**
 * The plan page's content in ONE statement over the pool (it was some twenty Prisma queries, one per relation, each
 * compiled in WebAssembly): the plan, its region, goals (theme, organisations, indicators with targets and manual
 * values, linked events, programmes and budget lines), agreements, versions (author, endorsements) and evaluations,
 * nested as JSON in the shape and key order Prisma gave. Instants travel as epoch milliseconds and become Dates here.
 * Lists keep Prisma's order; the link lists (organisations, events, programmes, budget lines), which had none, come
 * in the order of the linked id.
 */
import { Prisma } from '../db/generated/client.ts'
import { rawRows, type Db } from '../db/client.ts'
import type { CalendarEventStatus, CalendarEventType, PlanAgreementStatus, PlanDecision, PlanDirection, PlanEndorsementDecision, PlanGoalStatus, PlanIndicatorKind, ProgrammeLevel, Sector } from '../db/generated/enums.ts'
import type { JsonValue } from '../db/generated/internal/prismaNamespace.ts'
import { epochMs } from '../db/epoch.ts'

type Ms = number
type Row = {
  id: string
  regionId: string
  title: string
  startYear: number
  endYear: number
  version: number
  adoptedAt: Ms | null
  createdAt: Ms
  updatedAt: Ms
  region: { id: string; name: string }
  goals: {
    id: string
    planId: string
    themeId: string
    title: string
    description: string
    status: PlanGoalStatus
    position: number
    createdAt: Ms
    theme: { id: string; key: string; nameNl: string; nameEn: string; position: number; active: boolean }
    organisations: { organisation: { id: string; name: string } }[]
    indicators: {
      id: string
      goalId: string
      name: string
      kind: PlanIndicatorKind
      config: JsonValue
      direction: PlanDirection
      baselineYear: number | null
      baselineValue: number | null
      sourceNote: string | null
      createdAt: Ms
      targets: { indicatorId: string; year: number; value: number }[]
      manualValues: { indicatorId: string; year: number; value: number; sourceNote: string }[]
    }[]
    events: { event: { id: string; title: string; startsAt: Ms; type: CalendarEventType; status: CalendarEventStatus } }[]
    programmes: { programme: { id: string; name: string; level: ProgrammeLevel; organisation: { name: string } } }[]
    budgetLines: { budgetLine: { id: string; activity: string; year: number; amountCents: number } }[]
  }[]
  agreements: { id: string; planId: string; party: Sector; commitment: string; owner: string; dueDate: Ms; status: PlanAgreementStatus; createdAt: Ms }[]
  versions: {
    id: string
    number: number
    reason: string
    diff: JsonValue
    createdAt: Ms
    createdBy: { name: string | null; email: string } | null
    endorsements: { id: string; decision: PlanEndorsementDecision; comment: string; createdAt: Ms; board: { id: string; name: string }; user: { name: string | null } | null }[]
  }[]
  evaluations: { id: string; year: number }[]
}

const list = (agg: Prisma.Sql) => Prisma.sql`COALESCE((${agg}), '[]'::json)`

/** A goal's (alias g) indicators with targets and manual values, in Prisma's shape and order. */
const INDICATORS = list(Prisma.sql`SELECT json_agg(json_build_object(
    'id', i.id, 'goalId', i."goalId", 'name', i.name, 'kind', i.kind, 'config', i.config, 'direction', i.direction, 'baselineYear', i."baselineYear",
    'baselineValue', i."baselineValue", 'sourceNote', i."sourceNote", 'createdAt', ${epochMs('i."createdAt"')},
    'targets', ${list(Prisma.sql`SELECT json_agg(json_build_object('indicatorId', x."indicatorId", 'year', x.year, 'value', x.value) ORDER BY x.year) FROM "PlanTarget" x WHERE x."indicatorId" = i.id`)},
    'manualValues', ${list(Prisma.sql`SELECT json_agg(json_build_object('indicatorId', x."indicatorId", 'year', x.year, 'value', x.value, 'sourceNote', x."sourceNote") ORDER BY x.year) FROM "PlanManualValue" x WHERE x."indicatorId" = i.id`)}
  ) ORDER BY i."createdAt", i.id) FROM "PlanIndicator" i WHERE i."goalId" = g.id`)

const STATEMENT = (planId: string) => Prisma.sql`
SELECT json_build_object(
  'id', p.id, 'regionId', p."regionId", 'title', p.title, 'startYear', p."startYear", 'endYear', p."endYear", 'version', p.version,
  'adoptedAt', ${epochMs('p."adoptedAt"')}, 'createdAt', ${epochMs('p."createdAt"')}, 'updatedAt', ${epochMs('p."updatedAt"')},
  'region', (SELECT json_build_object('id', r.id, 'name', r.name) FROM "Region" r WHERE r.id = p."regionId"),
  'goals', ${list(Prisma.sql`SELECT json_agg(json_build_object(
      'id', g.id, 'planId', g."planId", 'themeId', g."themeId", 'title', g.title, 'description', g.description, 'status', g.status, 'position', g.position, 'createdAt', ${epochMs('g."createdAt"')},
      'theme', (SELECT json_build_object('id', t.id, 'key', t.key, 'nameNl', t."nameNl", 'nameEn', t."nameEn", 'position', t.position, 'active', t.active) FROM "PlanTheme" t WHERE t.id = g."themeId"),
      'organisations', ${list(Prisma.sql`SELECT json_agg(json_build_object('organisation', json_build_object('id', o.id, 'name', o.name)) ORDER BY x."organisationId")
                                          FROM "PlanGoalOrganisation" x JOIN "Organisation" o ON o.id = x."organisationId" WHERE x."goalId" = g.id`)},
      'indicators', ${INDICATORS},
      'events', ${list(Prisma.sql`SELECT json_agg(json_build_object('event', json_build_object('id', e.id, 'title', e.title, 'startsAt', ${epochMs('e."startsAt"')}, 'type', e.type, 'status', e.status)) ORDER BY x."eventId")
                                   FROM "PlanGoalEvent" x JOIN "CalendarEvent" e ON e.id = x."eventId" WHERE x."goalId" = g.id`)},
      'programmes', ${list(Prisma.sql`SELECT json_agg(json_build_object('programme', json_build_object('id', sp.id, 'name', sp.name, 'level', sp.level, 'organisation', json_build_object('name', so.name))) ORDER BY x."programmeId")
                                       FROM "PlanGoalProgramme" x JOIN "SlotProgramme" sp ON sp.id = x."programmeId" JOIN "Organisation" so ON so.id = sp."organisationId" WHERE x."goalId" = g.id`)},
      'budgetLines', ${list(Prisma.sql`SELECT json_agg(json_build_object('budgetLine', json_build_object('id', l.id, 'activity', l.activity, 'year', l.year, 'amountCents', l."amountCents")) ORDER BY x."budgetLineId")
                                        FROM "PlanGoalBudgetLine" x JOIN "FundBudgetLine" l ON l.id = x."budgetLineId" WHERE x."goalId" = g.id`)}
    ) ORDER BY g.position, g."createdAt", g.id) FROM "PlanGoal" g WHERE g."planId" = p.id`)},
  'agreements', ${list(Prisma.sql`SELECT json_agg(json_build_object('id', a.id, 'planId', a."planId", 'party', a.party, 'commitment', a.commitment, 'owner', a.owner,
      'dueDate', ${epochMs('a."dueDate"')}, 'status', a.status, 'createdAt', ${epochMs('a."createdAt"')}) ORDER BY a."dueDate", a.id) FROM "PlanAgreement" a WHERE a."planId" = p.id`)},
  'versions', ${list(Prisma.sql`SELECT json_agg(json_build_object('id', v.id, 'number', v.number, 'reason', v.reason, 'diff', v.diff, 'createdAt', ${epochMs('v."createdAt"')},
      'createdBy', (SELECT json_build_object('name', u.name, 'email', u.email) FROM "User" u WHERE u.id = v."createdById"),
      'endorsements', ${list(Prisma.sql`SELECT json_agg(json_build_object('id', en.id, 'decision', en.decision, 'comment', en.comment, 'createdAt', ${epochMs('en."createdAt"')},
          'board', json_build_object('id', b.id, 'name', b.name), 'user', (SELECT json_build_object('name', eu.name) FROM "User" eu WHERE eu.id = en."userId")) ORDER BY en."createdAt", en.id)
          FROM "PlanEndorsement" en JOIN "Board" b ON b.id = en."boardId" WHERE en."versionId" = v.id`)}
    ) ORDER BY v.number DESC) FROM "PlanVersion" v WHERE v."planId" = p.id`)},
  'evaluations', ${list(Prisma.sql`SELECT json_agg(json_build_object('id', ev.id, 'year', ev.year) ORDER BY ev.year) FROM "PlanEvaluation" ev WHERE ev."planId" = p.id`)}
) AS plan
FROM "Plan" p WHERE p.id = ${planId}`

const date = (m: Ms) => new Date(m)

/** The plan's content, or null when there is no such plan. */
export async function readContent(db: Db, planId: string) {
  const [row] = await rawRows<{ plan: Row }>(db, STATEMENT(planId))
  if (!row) return null
  const p = row.plan
  return {
    ...p,
    adoptedAt: p.adoptedAt === null ? null : date(p.adoptedAt),
    createdAt: date(p.createdAt),
    updatedAt: date(p.updatedAt),
    goals: p.goals.map((g) => ({
      ...g,
      createdAt: date(g.createdAt),
      indicators: g.indicators.map((i) => ({ ...i, createdAt: date(i.createdAt) })),
      events: g.events.map((e) => ({ event: { ...e.event, startsAt: date(e.event.startsAt) } })),
    })),
    agreements: p.agreements.map((a) => ({ ...a, dueDate: date(a.dueDate), createdAt: date(a.createdAt) })),
    versions: p.versions.map((v) => ({ ...v, createdAt: date(v.createdAt), endorsements: v.endorsements.map((e) => ({ ...e, createdAt: date(e.createdAt) })) })),
  }
}
export type PlanContent = NonNullable<Awaited<ReturnType<typeof readContent>>>

type Indicator = Row['goals'][number]['indicators'][number]
type EvaluationRow = {
  id: string
  regionId: string
  title: string
  version: number
  startYear: number
  endYear: number
  evaluation: { id: string; createdAt: Ms } | null
  goals: {
    id: string
    title: string
    status: PlanGoalStatus
    theme: { nameNl: string; nameEn: string }
    indicators: Indicator[]
    evaluation: { evaluation: string; decision: PlanDecision | null; decisionNote: string; appliedInVersion: number | null } | null
    contributions: { id: string; text: string; createdAt: Ms; organisation: { id: string; name: string } }[]
  }[]
}

/**
 * What a school year's evaluation page shows of the plan, in one statement: the plan, whether the year's
 * evaluation is open, and per goal (Prisma's order) its theme, indicators, the year's goal evaluation and the
 * contributions (oldest first). Null when there is no such plan.
 */
export async function readEvaluationContent(db: Db, planId: string, year: number) {
  const [row] = await rawRows<{ plan: EvaluationRow }>(
    db,
    Prisma.sql`
SELECT json_build_object(
  'id', p.id, 'regionId', p."regionId", 'title', p.title, 'version', p.version, 'startYear', p."startYear", 'endYear', p."endYear",
  'evaluation', CASE WHEN ev.id IS NULL THEN NULL ELSE json_build_object('id', ev.id, 'createdAt', ${epochMs('ev."createdAt"')}) END,
  'goals', ${list(Prisma.sql`SELECT json_agg(json_build_object(
      'id', g.id, 'title', g.title, 'status', g.status,
      'theme', (SELECT json_build_object('nameNl', t."nameNl", 'nameEn', t."nameEn") FROM "PlanTheme" t WHERE t.id = g."themeId"),
      'indicators', ${INDICATORS},
      'evaluation', (SELECT json_build_object('evaluation', ge.evaluation, 'decision', ge.decision, 'decisionNote', ge."decisionNote", 'appliedInVersion', ge."appliedInVersion")
                       FROM "PlanGoalEvaluation" ge WHERE ge."goalId" = g.id AND ge."evaluationId" = ev.id),
      'contributions', ${list(Prisma.sql`SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'createdAt', ${epochMs('c."createdAt"')}, 'organisation', json_build_object('id', o.id, 'name', o.name)) ORDER BY c."createdAt", c.id)
                                          FROM "PlanContribution" c JOIN "Organisation" o ON o.id = c."organisationId" WHERE c."goalId" = g.id AND c."evaluationId" = ev.id`)}
    ) ORDER BY g.position, g."createdAt", g.id) FROM "PlanGoal" g WHERE g."planId" = p.id`)}
) AS plan
FROM "Plan" p LEFT JOIN "PlanEvaluation" ev ON ev."planId" = p.id AND ev.year = ${year}
WHERE p.id = ${planId}`,
  )
  if (!row) return null
  const p = row.plan
  return {
    ...p,
    evaluation: p.evaluation && { ...p.evaluation, createdAt: date(p.evaluation.createdAt) },
    goals: p.goals.map((g) => ({
      ...g,
      indicators: g.indicators.map((i) => ({ ...i, createdAt: date(i.createdAt) })),
      contributions: g.contributions.map((c) => ({ ...c, createdAt: date(c.createdAt) })),
    })),
  }
}
