import type { Role } from '../../db/generated/enums.ts'

/** Actions of the slots domain → roles granting them within their scope (see server/auth/policy.ts). */
export const slotsGrants = {} as const satisfies Record<string, readonly Role[]>
