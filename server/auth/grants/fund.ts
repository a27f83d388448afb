import type { Role } from '../../db/generated/enums.ts'

/** Actions of the fund domain → roles granting them within their scope (see server/auth/policy.ts). */
export const fundGrants = {} as const satisfies Record<string, readonly Role[]>
