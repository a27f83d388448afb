import type { Role } from '../../db/generated/enums.ts'

/**
 * Actions of the calendar domain → roles granting them within their scope (see server/auth/policy.ts).
 * Reading a region's calendar is decided by `canReadRegion` (anyone taking part in the region); these actions
 * guard the workflow:
 *   - calendar.read     the signed-in calendar views and the personal feed (any role; scoped per region),
 *   - calendar.propose  create, edit, propose and cancel events of one's organisation (coordinators: their region),
 *   - calendar.approve  publish or reject events shared with one's region.
 */
export const calendarGrants = {
  'calendar.read': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  'calendar.propose': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  'calendar.approve': ['PLATFORM_ADMIN', 'REGION_COORDINATOR'],
} as const satisfies Record<string, readonly Role[]>
