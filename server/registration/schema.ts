import { z } from 'zod'
import { optional, zEmail, zId, zName, zLocalDateOf, zLocalTimeOf, zNum } from '../lib/zod.ts'
import { refineLocalTimes } from '../lib/time.ts'
import { zPupilLevel, zPupilName } from '../slots/schema.ts'
import { zKeysetPage } from '../lib/keyset.ts'

/**
 * Registration for calendar events. Custom messages are keys: "v.<key>" (validation.*) or "k.<full key>".
 * Dates and times are Europe/Amsterdam wall-clock strings in forms; services convert with server/lib/time.ts.
 */
export const AUDIENCES = ['PUPIL', 'PARENT', 'PROFESSIONAL'] as const
export const PROFESSIONAL_ROLES = ['DECAAN', 'MENTOR', 'TEACHER', 'OTHER'] as const
export const zAudience = z.enum(AUDIENCES)
const zLocalDate = zLocalDateOf('k.slots.validation.date')
const zLocalTime = zLocalTimeOf('k.slots.validation.time')
/** Places of a session (a study fair or a netwerkweek plenary can be large). */
const zCapacity = zNum(z.number().int('k.registration.validation.capacity').min(1, 'k.registration.validation.capacity').max(20000, 'k.registration.validation.capacity'))

/** Pupils', parents' and professionals' personal data is kept at most a year after the event (as for slots). */
export const MAX_PURGE_DAYS = 365
/** Professionals keep their data (and certificate) this long after the event; pupils and parents per the setting. */
export const PROFESSIONAL_KEEP_DAYS = 365
/**
 * The days after the event's last session that a registrant's personal data is kept: professionals
 * PROFESSIONAL_KEEP_DAYS, pupils and parents the registration's period (at most MAX_PURGE_DAYS). What the privacy
 * notice and the registration mail state; the purge statement (register.ts, purgePersonalData) is its SQL twin.
 */
export const registrantKeepDays = (audience: string, purgeAfterDays: number): number => (audience === 'PROFESSIONAL' ? PROFESSIONAL_KEEP_DAYS : Math.min(purgeAfterDays, MAX_PURGE_DAYS))

export const ZAudienceInput = z.object({
  kind: zAudience,
  levels: z.array(zPupilLevel).max(10).default([]),
  schoolYears: z.array(zNum(z.number().int().min(1).max(6))).max(6).default([]),
  maxPartySize: zNum(z.number().int().min(1, 'k.registration.validation.partySize').max(10, 'k.registration.validation.partySize')).default(1),
  capacity: zNum(z.number().int('k.registration.validation.capacity').min(1, 'k.registration.validation.capacity').max(20000, 'k.registration.validation.capacity')).nullable().default(null),
})

export const ZSessionInput = z
  .object({
    id: optional(zId),
    title: zName,
    date: zLocalDate,
    startTime: zLocalTime,
    endTime: zLocalTime,
    room: z.string().trim().max(100, 'v.tooLong').default(''),
    capacity: zCapacity,
  })
  .superRefine((d, ctx) => refineLocalTimes(d, ctx, 'k.slots.validation.endBeforeStart'))

/**
 * Turn on (or change) registration for an event: its audiences, and its sessions. Without sessions the event is
 * one session of `capacity` places over its own times.
 */
export const ZSetupInput = z.object({
  eventId: zId,
  audiences: z
    .array(ZAudienceInput)
    .min(1, 'k.registration.validation.audienceRequired')
    .max(3)
    .refine((a) => new Set(a.map((x) => x.kind)).size === a.length, 'k.registration.validation.audienceTwice'),
  sessions: z.array(ZSessionInput).max(60).default([]),
  capacity: zCapacity.optional(),
  /** Registration closes this many hours before the (first) start. */
  closesHoursBefore: zNum(z.number().int().min(0).max(24 * 60)).default(0),
})

export const SCHOOL_OTHER = 'other'
export const ZRegisterInput = z.object({
  eventId: zId,
  audience: zAudience,
  name: zPupilName,
  email: zEmail,
  /** An organisation id of the event's regions, or "other" with schoolOther (pupils, professionals). */
  schoolId: optional(zId),
  schoolOther: optional(z.string().trim().min(2, 'v.nameTooShort').max(200, 'v.tooLong')),
  level: optional(zPupilLevel),
  year: optional(zNum(z.number().int().min(1, 'k.slots.validation.year').max(6, 'k.slots.validation.year'))),
  /**
   * Parents only (the people coming, required of them); the other audiences are one person each. No fixed maximum
   * here: register refuses more than the audience's own limit, in the words and figure of the form's hint (partyLimit).
   */
  partySize: optional(zNum(z.number().int('k.registration.validation.partySizeMin').min(1, 'k.registration.validation.partySizeMin'))),
  role: optional(z.enum(PROFESSIONAL_ROLES)),
  sessionIds: z.array(zId).min(1, 'k.registration.validation.sessionRequired').max(30),
})

export const ZEventIdInput = z.object({ eventId: zId })
export const ZTokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'k.registration.errors.tokenInvalid') })
export const ZSeatTokenInput = ZTokenInput.extend({ seatId: zId })
export const ZCancelInput = ZTokenInput.extend({ seatId: optional(zId) })

export const ZRegistrantsInput = z.object({
  eventId: zId,
  q: optional(z.string().trim().max(100, 'v.tooLong')),
  audience: optional(zAudience),
  sessionId: optional(zId),
  status: optional(z.enum(['PENDING', 'CONFIRMED', 'WAITLISTED', 'OFFERED', 'CANCELLED', 'DECLINED', 'EXPIRED'])),
  attendance: optional(z.enum(['PRESENT', 'NONE'])),
  // A page of the list (keyset in registration order); the CSV/XLSX export holds every registrant.
  ...zKeysetPage('v.cursor', 50, 500),
})

export const ZMessageInput = z.object({
  eventId: zId,
  sessionId: optional(zId),
  subject: z.string().trim().min(2, 'v.nameTooShort').max(150, 'v.tooLong'),
  body: z.string().trim().min(2, 'v.nameTooShort').max(5000, 'v.tooLong'),
})

/** The code in a confirmation's QR: 22 characters base64url (128 random bits). */
export const zCheckinCode = z.string().trim().regex(/^[A-Za-z0-9_-]{22}$/, 'k.registration.errors.codeInvalid')
export const ZCheckInInput = z
  .object({
    sessionId: zId,
    code: optional(zCheckinCode),
    registrantId: optional(zId),
    /** When the organiser's phone recorded it (offline queue); the server's clock when absent. */
    at: optional(z.coerce.date()),
  })
  .refine((i) => !!i.code !== !!i.registrantId, 'k.registration.errors.codeInvalid')
export const ZCheckInBatchInput = z.object({ items: z.array(ZCheckInInput).min(1).max(200) })
export const ZCheckinSearchInput = z.object({ sessionId: zId, q: z.string().trim().min(2, 'v.nameTooShort').max(100, 'v.tooLong') })

export type SetupInput = z.infer<typeof ZSetupInput>
export type RegisterInput = z.infer<typeof ZRegisterInput>
export type RegistrantsInput = z.infer<typeof ZRegistrantsInput>
export type CheckInInput = z.infer<typeof ZCheckInInput>
