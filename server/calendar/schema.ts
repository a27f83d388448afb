import { z } from 'zod'
import { optional, zHttpUrl, zId, zName, zSlug, zLocalDateOf, zLocalTimeOf, isLocalDate, isLocalTime, zNum } from '../lib/zod.ts'
import { zSector } from '../tenancy/schema.ts'
import { locales } from '../i18n/config.ts'
import { eventTimes, localDayDiff, MAX_EVENT_MS, MAX_SERIES } from './time.ts'
import { existsInAmsterdam } from '../lib/time.ts'
import { decodeCursor } from './cursor.ts'

export const EVENT_TYPES = ['OPEN_DAG', 'MEELOOPDAG', 'PROEFSTUDEREN', 'VOORLICHTING', 'OUDERAVOND', 'STUDIEBEURS', 'LOB_WORKSHOP', 'NETWERKWEEK', 'OTHER'] as const
export const AUDIENCE_LEVELS = ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4'] as const
export const SCHOOL_YEARS = [1, 2, 3, 4, 5, 6] as const
export const EVENT_STATUSES = ['DRAFT', 'PROPOSED', 'PUBLISHED', 'REJECTED', 'CANCELLED'] as const

export const zEventType = z.enum(EVENT_TYPES)
export const zAudienceLevel = z.enum(AUDIENCE_LEVELS)
export const zLocalDate = zLocalDateOf('k.calendar.validation.date')
export const zLocalTime = zLocalTimeOf('k.calendar.validation.time')

/** The editable fields of an event, as entered (local Amsterdam dates and times). */
const eventFields = {
  title: zName,
  description: z.string().trim().max(5000, 'v.tooLong').default(''),
  type: zEventType,
  organiserIds: z.array(zId).min(1, 'k.calendar.validation.organiserRequired').max(10),
  regionIds: z.array(zId).min(1, 'v.regionRequired').max(10),
  audienceLevels: z.array(zAudienceLevel).min(1, 'k.calendar.validation.audienceRequired'),
  schoolYears: z.array(zNum(z.number().int().min(1).max(6))).max(6).default([]),
  allDay: z.boolean().default(false),
  startDate: zLocalDate,
  startTime: optional(zLocalTime),
  endDate: zLocalDate,
  endTime: optional(zLocalTime),
  locationAddress: optional(z.string().trim().max(300, 'v.tooLong')),
  onlineUrl: optional(zHttpUrl),
  capacity: optional(zNum(z.number({ error: 'k.calendar.validation.capacity' }).int('k.calendar.validation.capacity').min(1, 'k.calendar.validation.capacity').max(100_000))),
  registrationUrl: optional(zHttpUrl),
  /** Links; a form's textarea gives one per line. */
  attachments: z.preprocess((v) => (typeof v === 'string' ? v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : v), z.array(zHttpUrl).max(10).default([])),
}

type Times = { allDay: boolean; startDate: string; startTime?: string; endDate: string; endTime?: string; repeatWeeklyUntil?: string }

/** End after start (in Amsterdam time, DST-aware), times present unless all-day, bounded length and series. */
function checkTimes(v: Times, ctx: z.RefinementCtx) {
  if (!isLocalDate(v.startDate) || !isLocalDate(v.endDate)) return // their own checks answer
  if (!v.allDay) {
    if (!v.startTime) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'k.calendar.validation.timeRequired' })
    if (!v.endTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'k.calendar.validation.timeRequired' })
    if (!isLocalTime(v.startTime) || !isLocalTime(v.endTime)) return
    // a time inside the hour the clock skips in spring would silently move an hour (and may end before it starts)
    const gap = ([['startDate', 'startTime'], ['endDate', 'endTime']] as const).filter(([d, t]) => !existsInAmsterdam(v[d], v[t]!))
    for (const [, t] of gap) ctx.addIssue({ code: 'custom', path: [t], message: 'v.timeDoesNotExist' })
    if (gap.length) return
  }
  const { startsAt, endsAt } = eventTimes(v)
  if (endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: [v.allDay ? 'endDate' : 'endTime'], message: 'k.calendar.validation.endBeforeStart' })
  else if (endsAt.getTime() - startsAt.getTime() > MAX_EVENT_MS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'k.calendar.validation.tooLongEvent' })
  if (isLocalDate(v.repeatWeeklyUntil)) {
    const days = localDayDiff(v.startDate, v.repeatWeeklyUntil)
    if (days < 7) ctx.addIssue({ code: 'custom', path: ['repeatWeeklyUntil'], message: 'k.calendar.validation.repeatUntil' })
    else if (days / 7 >= MAX_SERIES) ctx.addIssue({ code: 'custom', path: ['repeatWeeklyUntil'], message: 'k.calendar.validation.seriesTooLong' })
  }
}

/** Create one event, or a weekly series (same weekday and time until `repeatWeeklyUntil`) as separate events. */
export const ZCreateEventInput = z.object({ ...eventFields, repeatWeeklyUntil: optional(zLocalDate) }).superRefine(checkTimes)
export const ZUpdateEventInput = z.object({ id: zId, ...eventFields }).superRefine(checkTimes)
export const ZEventIdInput = z.object({ id: zId })
/** A coordinator publishes every date of an event's weekly series still waiting in a region at once. */
export const ZPublishSeriesInput = z.object({ id: zId, regionId: zId })
export const ZDecideEventInput = z.object({ id: zId, regionId: zId })
export const ZRejectEventInput = ZDecideEventInput.extend({
  reason: z.string().trim().min(3, 'k.calendar.validation.reasonRequired').max(1000, 'v.tooLong'),
})

export const ZRespondInvitationInput = z.object({ id: zId, organisationId: zId, accept: z.boolean() })

export const ZCalendarFilters = z.object({
  types: z.array(zEventType).max(EVENT_TYPES.length).default([]),
  level: optional(zAudienceLevel),
  organisationId: optional(zId),
  sector: optional(zSector),
})

/** Month/week views: events overlapping [from, to) (local dates). */
export const ZEventRangeInput = ZCalendarFilters.extend({ regionId: zId, from: zLocalDate, to: zLocalDate }).refine(
  (v) => v.to > v.from && localDayDiff(v.from, v.to) <= 42,
  { message: 'k.calendar.validation.range', path: ['to'] },
)
/** List view: events from a date on, in pages. */
export const ZEventListInput = ZCalendarFilters.extend({
  regionId: zId,
  from: zLocalDate,
  /** Keyset cursor from the previous page ("<epoch ms>_<id>"). */
  cursor: optional(
    z.string().transform((c, ctx) => {
      const decoded = decodeCursor(c)
      if (!decoded) ctx.addIssue({ code: 'custom', message: 'k.calendar.validation.cursor' })
      return decoded ?? z.NEVER
    }),
  ),
  limit: z.number().int().min(1).max(200).default(50),
})
/** The public calendar: a region by slug, a range, and the filters pupils and parents use (type, level). */
export const ZPublicRangeInput = ZCalendarFilters.pick({ types: true, level: true }).extend({ slug: zSlug, from: zLocalDate, to: zLocalDate }).refine((v) => v.to > v.from && localDayDiff(v.from, v.to) <= 42, {
  message: 'k.calendar.validation.range',
  path: ['to'],
})
export const ZCreateFeedTokenInput = z.object({ label: z.string().trim().max(100, 'v.tooLong').default('') })
/** A feed URL's query: `?lang=nl|en`, the language of the feed's own texts (absent: the feed's default). */
export const ZFeedQuery = z.object({ lang: z.enum(locales, { error: 'k.calendar.errors.feedLanguage' }).optional() })
export const ZRevokeFeedTokenInput = z.object({ id: zId })

export type CreateEventInput = z.infer<typeof ZCreateEventInput>
export type UpdateEventInput = z.infer<typeof ZUpdateEventInput>
export type EventFieldsInput = Omit<CreateEventInput, 'repeatWeeklyUntil'>
export type CalendarFilters = z.infer<typeof ZCalendarFilters>
