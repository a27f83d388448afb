import type { Role } from '../../db/generated/enums.ts'

/** Actions of the calendar domain → roles granting them within their scope (see server/auth/policy.ts). */
export const calendarGrants = {} as const satisfies Record<string, readonly Role[]>
