/**
 * Every kind of notification, with who receives it. The README lists the same table (keep them together).
 * A kind's texts are `notifications.kinds.<kind>.{title,body}` in the catalogues (nl, en).
 */
export const NOTIFICATION_KINDS = [
  /** A school proposed an event to a region → that region's coordinators. */
  'calendar.proposed',
  /** A region's coordinator published it → the organisers' staff. */
  'calendar.published',
  /** A region's coordinator rejected it, with the reason → the organisers' staff. */
  'calendar.rejected',
  /** A published event moved to another time → the organisers' staff (except who moved it). */
  'calendar.moved',
  /** An event was cancelled → the organisers' staff (except who cancelled it). */
  'calendar.cancelled',
  /** A board submitted an expenditure report → the region's coordinators. */
  'fund.reportSubmitted',
  /** The coordinator approved a report → the board's reporters. */
  'fund.reportApproved',
  /** The coordinator rejected a report, with the reason → the board's reporters. */
  'fund.reportRejected',
  /** Someone accepted an invitation (signed in for the first time) → whoever invited them. */
  'tenancy.invitationAccepted',
  /** A waiting-list place offered to a pupil the decaan booked for lapsed → that decaan. */
  'slots.offerExpired',
  /** A grant year's reporting deadline is 14 or 3 days away → the reporters of the boards with budget lines that year. */
  'fund.deadline',
  /** A grant year's reporting deadline passed with boards that have not reported → the region's coordinators (once). */
  'fund.deadlinePassed',
  /** A coordinator closed a grant year → the reporters of the boards with lines that year and the other coordinators. */
  'fund.yearClosed',
  /** A coordinator reopened a grant year (with the reason) → the same people as a close. */
  'fund.yearReopened',
  /** A decaan booked a trial day on a pupil's behalf → the school's other decanen / LOB staff. */
  'slots.bookedOnBehalf',
] as const

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(v)
}

export const NOTIFICATION_MODES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const
export type NotificationModeValue = (typeof NOTIFICATION_MODES)[number]
