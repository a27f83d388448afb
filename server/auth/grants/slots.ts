import type { Role } from '../../db/generated/enums.ts'

/** Actions of the slots domain → roles granting them within their scope (see server/auth/policy.ts). */
export const slotsGrants = {
  /** Programmes, slots, participants, attendance, exports and booking rules of the publisher's institution. */
  'slots.publish': ['PLATFORM_ADMIN', 'INSTITUTION_PUBLISHER'],
  /** A decaan: bookings of pupils who chose their school, booking on a pupil's behalf, show-up rates. */
  'slots.schoolBookings': ['PLATFORM_ADMIN', 'ORG_STAFF'],
} as const satisfies Record<string, readonly Role[]>
