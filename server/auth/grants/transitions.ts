import type { Role } from '../../db/generated/enums.ts'

/**
 * Actions of the transitions domain → roles granting them within their scope (see server/auth/policy.ts).
 * `transitions.manage`: import, share and delete the datasets of one's own organisation (the owner sees raw
 * figures). `transitions.read`: look at datasets shared with one's organisation or region (always suppressed).
 * Which datasets a reader reaches is decided in server/services/transitions.ts (consent, not only role scope).
 */
export const transitionsGrants = {
  'transitions.manage': ['ORG_STAFF', 'INSTITUTION_PUBLISHER'],
  'transitions.read': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER', 'ORG_STAFF', 'INSTITUTION_PUBLISHER'],
} as const satisfies Record<string, readonly Role[]>
