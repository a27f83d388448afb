import { auditRouter } from './audit-router.ts'
import { boardRouter } from './board-router.ts'
import { meRouter } from './me-router.ts'
import { memberRouter } from './member-router.ts'
import { organisationRouter } from './organisation-router.ts'
import { regionRouter } from './region-router.ts'

/** The tenancy domain's routers, one per resource; the app router mounts each at its own key (`organisation.*`). */
export const tenancyRouters = {
  audit: auditRouter,
  board: boardRouter,
  me: meRouter,
  member: memberRouter,
  organisation: organisationRouter,
  region: regionRouter,
}
