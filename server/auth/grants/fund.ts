import type { Role } from '../../db/generated/enums.ts'

/**
 * Actions of the fund domain → roles granting them within their scope (see server/auth/policy.ts).
 * - fund.read:    see a grant's budget and reports — coordinators for their region, reporters for their board.
 * - fund.report:  write and submit expenditure reports (and evidence) for the reporter's own board.
 * - fund.approve: approve or reject submitted reports of the region.
 * - fund.manage:  grants, allocations, budget lines, closing years, the accountability export of the region.
 */
export const fundGrants = {
  'fund.read': ['PLATFORM_ADMIN', 'REGION_COORDINATOR', 'BOARD_REPORTER'],
  'fund.report': ['BOARD_REPORTER'],
  'fund.approve': ['PLATFORM_ADMIN', 'REGION_COORDINATOR'],
  'fund.manage': ['PLATFORM_ADMIN', 'REGION_COORDINATOR'],
} as const satisfies Record<string, readonly Role[]>
