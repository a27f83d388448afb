import { z } from 'zod'
import { optional, zEmail, zFilledText, zId, zName, zSlug, zBrin, zLocalDateOf, zLocalTimeOf, zLocalDateTimeOf, zNum } from '../lib/zod.ts'
import { refineLocalTimes } from '../lib/time.ts'
import { zKeysetCursor, zKeysetPage } from '../lib/keyset.ts'

/**
 * Slots (proefstuderen / meeloopdagen). Custom messages are keys: "v.<key>" (validation.*) or "k.<full key>".
 * Dates and times are Europe/Amsterdam wall-clock strings in forms; services convert with server/lib/time.ts.
 */
export const PROGRAMME_LEVELS = ['MBO_1', 'MBO_2', 'MBO_3', 'MBO_4', 'AD', 'BACHELOR', 'MASTER'] as const
export const PUPIL_LEVELS = ['VMBO_BB', 'VMBO_KB', 'VMBO_GT', 'HAVO', 'VWO', 'MBO', 'OTHER'] as const
export const zProgrammeLevel = z.enum(PROGRAMME_LEVELS)
export const zPupilLevel = z.enum(PUPIL_LEVELS)
export const zSlotSector = z.enum(['MBO', 'HBO', 'WO'])

/** Levels a programme of each sector may have. */
export const levelsBySector = {
  MBO: ['MBO_1', 'MBO_2', 'MBO_3', 'MBO_4'],
  HBO: ['AD', 'BACHELOR', 'MASTER'],
  WO: ['BACHELOR', 'MASTER'],
} as const satisfies Record<z.infer<typeof zSlotSector>, readonly z.infer<typeof zProgrammeLevel>[]>

/** Crebo (mbo) and CROHO (ho) codes: 5 digits. */
export const zProgrammeCode = z.string().trim().regex(/^[0-9]{5}$/, 'k.slots.validation.code')
const zLocalDate = zLocalDateOf('k.slots.validation.date')
const zLocalTime = zLocalTimeOf('k.slots.validation.time')
const zLocalDateTime = zLocalDateTimeOf('k.slots.validation.dateTime')
export const zCapacity = zNum(z.number().int('k.slots.validation.capacity').min(1, 'k.slots.validation.capacity').max(2000, 'k.slots.validation.capacity'))

export const ZCreateProgrammeInput = z.object({
  organisationId: zId,
  name: zName,
  level: zProgrammeLevel,
  code: zProgrammeCode,
  description: optional(z.string().trim().max(2000, 'v.tooLong')),
})
export const ZUpdateProgrammeInput = ZCreateProgrammeInput.omit({ organisationId: true }).extend({ id: zId })
/** Archive (out of the public search, no new slots; history kept) or bring back. */
export const ZArchiveProgrammeInput = z.object({ id: zId, archived: z.boolean() })

export const ZQuestion = z.object({ label: z.string().trim().min(2, 'v.nameTooShort').max(300, 'v.tooLong'), required: z.boolean().default(false) })

export const ZSlotDate = z
  .object({ date: zLocalDate, startTime: zLocalTime, endTime: zLocalTime, capacity: zCapacity })
  .superRefine((d, ctx) => refineLocalTimes(d, ctx, 'k.slots.validation.endBeforeStart'))

/** A series of dates of one programme in one go; every date has its own capacity. */
export const ZCreateSlotsInput = z.object({
  programmeId: zId,
  location: zName,
  audienceLevels: z.array(zPupilLevel).min(1, 'k.slots.validation.audienceRequired'),
  questions: z.array(ZQuestion).max(10).default([]),
  /** Booking opens at (Amsterdam wall clock); empty = now. */
  bookingOpensAt: optional(zLocalDateTime),
  /** Booking closes this many hours before the start. */
  closesHoursBefore: zNum(z.number().int().min(0).max(24 * 60)).default(24),
  dates: z.array(ZSlotDate).min(1, 'k.slots.validation.datesRequired').max(60),
})

export const ZUpdateSlotInput = z.object({ id: zId, capacity: zCapacity, location: zName })
export const ZCancelSlotInput = z.object({ id: zId })
/** The publisher's upcoming (soonest first) or past (latest first) slots, a page at a time (keyset on startsAt, id). */
export const ZListSlotsInput = z.object({ organisationId: optional(zId), past: z.boolean().default(false), ...zKeysetPage('v.cursor', 25) })
/** A slot's participants in booking order, a page at a time (keyset on createdAt, id). */
export const ZParticipantsInput = z.object({ slotId: zId, ...zKeysetPage('v.cursor', 50) })
export const ZSlotIdInput = z.object({ id: zId })

/** Public search: over a region (slug) or one institution (BRIN). */
export const ZSearchSlotsInput = z
  .object({
    regionSlug: optional(zSlug),
    brin: optional(zBrin),
    sector: optional(zSlotSector),
    level: optional(zProgrammeLevel),
    programme: optional(z.string().trim().max(100)),
    from: optional(zLocalDate),
    to: optional(zLocalDate),
    limit: z.number().int().min(1).max(200).default(50),
    /** The last card of the previous page (keyset on startsAt, id: its `nextCursor` as the page builds it). */
    cursor: optional(zKeysetCursor('v.cursor')),
  })
  .refine((i) => !!i.regionSlug !== !!i.brin, 'k.slots.validation.regionOrInstitution')

/**
 * The pupil's name is the only text from the booking form that goes into the institution-branded e-mail, so it
 * is a name and nothing else: letters (any script), spaces, hyphens, apostrophes and dots after an initial ("J. de
 * Vries"), at most 80 characters. No digits, '/', ':', '@', line breaks or a dot inside a word ("evil.example"), so
 * mail clients find no link or address in it.
 */
export const zPupilName = zFilledText
  .min(2, 'v.nameTooShort')
  .max(80, 'v.tooLong')
  .regex(/^\p{L}(?:[\p{L}\p{M} '’-]|\.(?= |$))*$/u, 'k.slots.validation.pupilName')

export const MAX_PURGE_DAYS = 365
/** An institution's purge period without a settings row. */
export const DEFAULT_PURGE_DAYS = 30
/** The days after the slot that a booking's personal data is kept: the institution's setting (or the default), at most MAX_PURGE_DAYS. */
export const retentionDays = (purgeAfterDays: number | null | undefined): number => Math.min(purgeAfterDays ?? DEFAULT_PURGE_DAYS, MAX_PURGE_DAYS)

export const SCHOOL_OTHER = 'other'
export const ZBookInput = z.object({
  slotId: zId,
  name: zPupilName,
  email: zEmail,
  /** An organisation id from the institution's regions, or "other" with schoolOther. */
  schoolId: zId,
  schoolOther: optional(z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong')),
  level: zPupilLevel,
  year: zNum(z.number().int().min(1, 'k.slots.validation.year').max(6, 'k.slots.validation.year')),
  answers: z.record(z.string(), z.string().trim().max(1000, 'v.tooLong')).default({}),
})

/** The booking link's token: 32 random bytes, base64url. */
export const ZTokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'k.slots.errors.tokenInvalid') })

export const ZSetAttendanceInput = z.object({ bookingId: zId, attendance: z.enum(['PRESENT', 'ABSENT']).nullable() })

export const ZSettingsInput = z.object({
  organisationId: zId,
  maxActiveBookings: zNum(z.number().int().min(1).max(50)),
  limitScope: z.enum(['PROGRAMME', 'INSTITUTION']),
  limitPeriodDays: zNum(z.number().int().min(1).max(3650)),
  /** Pupils are minors: their personal data is kept at most a year after the day. */
  purgeAfterDays: zNum(z.number().int().min(1).max(MAX_PURGE_DAYS, 'k.slots.validation.purgeMax')),
  offerHoldHours: zNum(z.number().int().min(1).max(24 * 14)),
  /** Minutes a public booking holds its place until the pupil confirms by the e-mailed link; 0 = confirmed at once. */
  pendingHoldMinutes: zNum(z.number().int().min(0).max(24 * 60)),
  /** Active bookings of one slot from one e-mail domain; 0 = no limit. */
  maxPerSlotPerDomain: zNum(z.number().int().min(0).max(2000)),
})

/** A decaan's pupils' bookings, latest day first, a page at a time (keyset on the slot's startsAt, the booking id). */
export const ZSchoolBookingsInput = z.object({ schoolId: optional(zId), ...zKeysetPage('v.cursor', 25) })

export type BookInput = z.infer<typeof ZBookInput>
export type CreateSlotsInput = z.infer<typeof ZCreateSlotsInput>
export type SearchSlotsInput = z.infer<typeof ZSearchSlotsInput>

/**
 * How a booking result states until when a place is held ("Wednesday 2 December 09:28"): Amsterdam time, always a
 * 24-hour clock (as the booking page and the mails show it), in both languages. Used by the booking form and the
 * public booking page's action.
 */
export const HOLD_UNTIL_FORMAT = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Amsterdam' } as const satisfies Intl.DateTimeFormatOptions
