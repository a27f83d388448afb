import type { Role } from '../../db/generated/enums.ts'

/** Actions of the transitions domain → roles granting them within their scope (see server/auth/policy.ts). */
export const transitionsGrants = {} as const satisfies Record<string, readonly Role[]>
