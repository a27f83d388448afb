import { z } from 'zod'
import { optional, zId, zLocalDateOf, zNum } from '../lib/zod.ts'
import { zKeysetCursor } from '../lib/keyset.ts'
import { MAX_CENTS, parseEuroToCents, type MoneyLocale } from './money.ts'

export const FUND_CATEGORIES = ['PERSONNEL', 'ACTIVITIES', 'MATERIALS', 'TRANSPORT', 'EXTERNAL_HIRE', 'OVERHEAD'] as const
export const FUND_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const
export const zFundCategory = z.enum(FUND_CATEGORIES)
export const zFundStatus = z.enum(FUND_STATUSES)

/** Euro cents: a non-negative integer (no fractions of a cent), at most € 20 million per row. */
export const zCents = z
  .number({ error: 'k.fund.validation.cents' })
  .int('k.fund.validation.cents')
  .min(0, 'k.fund.validation.cents')
  .max(MAX_CENTS, 'k.fund.validation.centsTooLarge')
export const zPositiveCents = zCents.refine((v) => v > 0, 'k.fund.validation.amountPositive')
/** The version a client read (optimistic lock: a write against an older version is refused). */
export const zVersion = z.number().int().min(1)
/** The boards responsible for a budget line: at least one. */
export const zBoardIds = z.array(zId).min(1, 'k.fund.validation.boardRequired').max(50)
export const zYear = z.number().int().min(2000).max(2100)
/** A calendar date "yyyy-MM-dd". */
export const zDate = zLocalDateOf('k.fund.validation.date')

const reportFields = {
  amountCents: zPositiveCents,
  coFinancedCents: zCents,
  spentOn: zDate,
  description: z.string().trim().min(3, 'k.fund.validation.descriptionShort').max(2000, 'v.tooLong'),
  category: zFundCategory,
}

export const ZCreateReportInput = z.object({ budgetLineId: zId, boardId: zId.optional(), ...reportFields })
/** A decision or step on a versioned item (report, results report, budget change): its id and the version read. */
export const ZVersionedActionInput = z.object({ id: zId, version: zVersion })
const zReason = z.string().trim().min(3, 'k.fund.validation.reasonRequired').max(1000, 'v.tooLong')
/** A rejection always says why. */
export const ZRejectInput = ZVersionedActionInput.extend({ reason: zReason })
export const ZUpdateReportInput = ZVersionedActionInput.extend(reportFields)
export const ZReportActionInput = ZVersionedActionInput
export const ZRejectReportInput = ZRejectInput
export const ZReportIdInput = z.object({ id: zId })
export const ZGrantIdInput = z.object({ grantId: zId })
/** One page of a list that can grow: the previous page's `nextCursor` (keyset, server/lib/keyset.ts) and a size. */
export const zPage = {
  cursor: optional(zKeysetCursor('k.fund.validation.cursor')),
  limit: z.number().int().min(1).max(100).default(25),
}
export const ZListReportsInput = z.object({
  grantId: zId,
  status: zFundStatus.optional(),
  boardId: zId.optional(),
  year: zYear.optional(),
  ...zPage,
})
/** Payments, results reports and budget lines of a grant, a page at a time. */
export const ZGrantPageInput = z.object({ grantId: zId, ...zPage })
export const ZCloseYearInput = z.object({ grantId: zId, year: zYear })
/** Reopening a closed year (a correction) always carries a reason, kept in the audit log. */
export const ZReopenYearInput = ZCloseYearInput.extend({ reason: zReason })

export const ZCreateGrantInput = z
  .object({
    regionId: zId,
    fundName: z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong'),
    penvoerderId: zId,
    coFinancingPercent: z.number().int().min(0).max(1000),
    startYear: zYear,
    endYear: zYear,
    allocations: z.array(z.object({ year: zYear, amountCents: zCents })).max(20),
  })
  .refine((g) => g.endYear >= g.startYear, { message: 'k.fund.validation.period', path: ['endYear'] })
  .refine((g) => g.allocations.every((a) => a.year >= g.startYear && a.year <= g.endYear), { message: 'k.fund.validation.allocationYear', path: ['allocations'] })
  .refine((g) => new Set(g.allocations.map((a) => a.year)).size === g.allocations.length, { message: 'k.fund.validation.allocationYear', path: ['allocations'] })

export const ZCreateBudgetLineInput = z.object({
  grantId: zId,
  year: zYear,
  activity: z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong'),
  category: zFundCategory,
  amountCents: zCents,
  boardIds: zBoardIds,
  /** Events of the shared calendar (published in the grant's region) that carry out the activity. */
  eventIds: z.array(zId).max(50).optional(),
})

/** Replaces the set of calendar events linked to a budget line. */
export const ZSetLineEventsInput = z.object({ budgetLineId: zId, eventIds: z.array(zId).max(50) })
/** Events a coordinator can link to a grant's budget lines: published in its region, within its period. */
export const ZLinkableEventsInput = z.object({ grantId: zId, year: zYear.optional(), q: z.string().trim().max(100).optional() })
export const ZEventIdInput = z.object({ eventId: zId })

/**
 * An amount typed in a form in the UI's language ("1.234,56" on a Dutch page, "1,234.56" on an English one: see
 * parseEuroToCents) → cents, with a translated message when it is not an amount. The fund's forms that take amounts
 * are therefore built per language (`ZReportForm(locale)`…): the same text can mean another amount in the other one.
 */
export const zEuroInput = (locale: MoneyLocale) =>
  z
    .string()
    .transform((s, ctx) => {
      const cents = parseEuroToCents(s, locale)
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: 'k.fund.validation.euroFormat' })
        return z.NEVER
      }
      return cents
    })
    .pipe(zCents)
/** An amount typed in a form that must be more than zero. */
export const zPositiveEuroInput = (locale: MoneyLocale) => zEuroInput(locale).pipe(zPositiveCents)

/** The report form: amounts typed in euros in the UI's language, converted to the cents the API takes. */
export const ZReportForm = (locale: MoneyLocale) =>
  z.object({
    amount: zPositiveEuroInput(locale),
    coFinanced: zEuroInput(locale),
    spentOn: reportFields.spentOn,
    description: reportFields.description,
    category: reportFields.category,
  })

/** The new-report form: the report form plus the budget line. */
export const ZCreateReportForm = (locale: MoneyLocale) => ZReportForm(locale).extend({ budgetLineId: z.string().min(1, 'k.fund.validation.lineRequired') })

/** The budget-line form: year from a select, amount in euros. */
export const ZBudgetLineForm = (locale: MoneyLocale) =>
  z.object({
    activity: ZCreateBudgetLineInput.shape.activity,
    category: zFundCategory,
    year: zNum(z.number()).pipe(zYear),
    amount: zEuroInput(locale),
    boardIds: z.array(z.string()).min(1, 'k.fund.validation.boardRequired'),
    eventIds: z.array(z.string()).max(50),
  })

/** Longest grant period the form offers (the 2018–2021 fund ran four years). */
export const MAX_GRANT_YEARS = 10

/**
 * The grant form: a period of years and one allocation per year, typed in euros. Only the first
 * (endYear − startYear + 1) amounts count, so a field left over from a longer period typed earlier is ignored.
 */
export const ZGrantForm = (locale: MoneyLocale) =>
  z
    .object({
      regionId: zId,
      fundName: ZCreateGrantInput.shape.fundName,
      penvoerderId: z.string().min(1, 'k.fund.validation.penvoerderRequired'),
      coFinancingPercent: zNum(z.number().int().min(0).max(1000)),
      startYear: zNum(z.number()).pipe(zYear),
      endYear: zNum(z.number()).pipe(zYear),
      allocations: z.array(z.string()).max(MAX_GRANT_YEARS),
    })
    .refine((g) => g.endYear >= g.startYear, { message: 'k.fund.validation.period', path: ['endYear'] })
    .refine((g) => g.endYear - g.startYear < MAX_GRANT_YEARS, { message: 'k.fund.validation.periodTooLong', path: ['endYear'] })
    .transform((g, ctx) => {
      const years = Math.max(0, Math.min(MAX_GRANT_YEARS, g.endYear - g.startYear + 1))
      const allocations = Array.from({ length: years }, (_, i) => {
        const r = zEuroInput(locale).safeParse(g.allocations[i] ?? '')
        for (const issue of r.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message, path: ['allocations', i] })
        return r.data ?? 0
      })
      return { ...g, allocations }
    })

export type CreateReportInput = z.infer<typeof ZCreateReportInput>
export type UpdateReportInput = z.infer<typeof ZUpdateReportInput>
export type ReportActionInput = z.infer<typeof ZReportActionInput>
export type RejectReportInput = z.infer<typeof ZRejectReportInput>
export type CreateGrantInput = z.infer<typeof ZCreateGrantInput>
export type CreateBudgetLineInput = z.infer<typeof ZCreateBudgetLineInput>
export type SetLineEventsInput = z.infer<typeof ZSetLineEventsInput>
export type LinkableEventsInput = z.infer<typeof ZLinkableEventsInput>
export type ListReportsInput = z.infer<typeof ZListReportsInput>
export type GrantPageInput = z.infer<typeof ZGrantPageInput>
export type FundCategory = z.infer<typeof zFundCategory>

// ---- budget changes (four-eyes), payments, results, deadlines, settlement ---------------------------------

const zActivity = ZCreateBudgetLineInput.shape.activity

/** One operation of a budget change. Moving money is two `amount` operations (one line down, another up). */
export const zBudgetOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('amount'), lineId: zId, amountCents: zCents }),
  z.object({ op: z.literal('boards'), lineId: zId, boardIds: zBoardIds }),
  z.object({ op: z.literal('add'), year: zYear, activity: zActivity, category: zFundCategory, amountCents: zCents, boardIds: zBoardIds }),
  z.object({ op: z.literal('close'), lineId: zId }),
  z.object({ op: z.literal('allocation'), year: zYear, amountCents: zCents }),
])
export type BudgetOp = z.infer<typeof zBudgetOp>

export const ZProposeChangeInput = z.object({
  grantId: zId,
  /** The budget version the proposer looked at (optimistic lock). */
  baseVersion: zVersion,
  reason: zReason,
  ops: z.array(zBudgetOp).min(1, 'k.fund.validation.opsRequired').max(50),
})
export const ZChangeActionInput = ZVersionedActionInput
export const ZRejectChangeInput = ZRejectInput
export const ZSetFourEyesInput = z.object({ grantId: zId, fourEyes: z.boolean() })

/** The "move money" form: from one line to another, an amount in euros, a reason. */
export const ZMoveForm = (locale: MoneyLocale) =>
  z
    .object({
      fromLineId: z.string().min(1, 'k.fund.validation.lineRequired'),
      toLineId: z.string().min(1, 'k.fund.validation.lineRequired'),
      amount: zPositiveEuroInput(locale),
      reason: zReason,
    })
    .refine((f) => f.fromLineId !== f.toLineId, { message: 'k.fund.validation.sameLine', path: ['toLineId'] })

/** The "add a line" proposal form: the budget-line form's fields (no events yet) and a reason. */
export const ZAddLineForm = (locale: MoneyLocale) =>
  z.object({
    activity: zActivity,
    category: zFundCategory,
    year: zNum(z.number()).pipe(zYear),
    amount: zPositiveEuroInput(locale),
    boardIds: z.array(z.string()).min(1, 'k.fund.validation.boardRequired'),
    reason: zReason,
  })
/** The "close a line" proposal form. */
export const ZCloseLineForm = z.object({ lineId: z.string().min(1, 'k.fund.validation.lineRequired'), reason: zReason })
/** The "re-assign a line's boards" proposal form. */
export const ZLineBoardsForm = ZCloseLineForm.extend({ boardIds: z.array(z.string()).min(1, 'k.fund.validation.boardRequired') })
/** A year picked in a select (text): required. */
const zYearChoice = z.string().min(1, 'k.fund.validation.yearRequired').transform(Number).pipe(zYear)
/** The "move allocation between years" proposal form: the grant's total stays. */
export const ZMoveAllocationForm = (locale: MoneyLocale) =>
  z
    .object({
      fromYear: zYearChoice,
      toYear: zYearChoice,
      amount: zPositiveEuroInput(locale),
      reason: zReason,
    })
    .refine((f) => f.fromYear !== f.toYear, { message: 'k.fund.validation.sameYear', path: ['toYear'] })

export const FUND_PAYMENT_KINDS = ['ADVANCE', 'AFTER_APPROVAL'] as const
export const ZCreatePaymentInput = z.object({
  grantId: zId,
  boardId: zId,
  kind: z.enum(FUND_PAYMENT_KINDS),
  paidOn: zDate,
  amountCents: zPositiveCents,
  reference: z.string().trim().min(1, 'k.fund.validation.referenceRequired').max(100, 'v.tooLong'),
  budgetLineId: zId.optional(),
  reportId: zId.optional(),
})
export const ZPaymentForm = (locale: MoneyLocale) =>
  z.object({
    boardId: z.string().min(1, 'k.fund.validation.boardRequired'),
    kind: z.enum(FUND_PAYMENT_KINDS),
    paidOn: zDate,
    amount: zPositiveEuroInput(locale),
    reference: ZCreatePaymentInput.shape.reference,
    link: z.string().max(100),
  })

/** Counts of pupils: whole, non-negative, at most a million. */
const zCount = z.number({ error: 'k.fund.validation.count' }).int('k.fund.validation.count').min(0, 'k.fund.validation.count').max(1_000_000, 'k.fund.validation.count')
const resultFields = {
  pupilsReached: zCount,
  narrative: z.string().trim().max(5000, 'v.tooLong'),
  obstacles: z.string().trim().max(5000, 'v.tooLong'),
  eventIds: z.array(zId).max(100),
  programmeIds: z.array(zId).max(100),
  goals: z.array(z.object({ goalId: zId, note: z.string().trim().max(1000, 'v.tooLong') })).max(50),
}
export const ZCreateResultInput = z.object({ budgetLineId: zId, boardId: zId.optional(), ...resultFields })
export const ZUpdateResultInput = ZVersionedActionInput.extend(resultFields)
export const ZResultForm = z.object({
  pupilsReached: zNum(z.number({ error: 'k.fund.validation.count' })).pipe(zCount),
  narrative: z.string().trim().min(3, 'k.fund.validation.descriptionShort').max(5000, 'v.tooLong'),
  obstacles: resultFields.obstacles,
})

export const ZSetDeadlineInput = z.object({ grantId: zId, year: zYear, deadline: zDate.nullable() })
export const ZCloseGrantInput = z.object({ grantId: zId })

export type ProposeChangeInput = z.infer<typeof ZProposeChangeInput>
export type ChangeActionInput = z.infer<typeof ZChangeActionInput>
export type RejectChangeInput = z.infer<typeof ZRejectChangeInput>
export type CreatePaymentInput = z.infer<typeof ZCreatePaymentInput>
export type CreateResultInput = z.infer<typeof ZCreateResultInput>
export type UpdateResultInput = z.infer<typeof ZUpdateResultInput>
export type SetDeadlineInput = z.infer<typeof ZSetDeadlineInput>
