import type { JobDefinition } from '../jobs/definition.ts'
import { purgeInvitationAddresses } from '../auth/invitations.ts'

/** Background jobs of the tenancy domain (composed into the worker's list in server/jobs/jobs.ts). */
export const tenancyJobs: JobDefinition[] = [
  // Invitation addresses are erased once the invitation can no longer be accepted (nightly).
  { name: 'tenancy-purge-invitation-addresses', cron: '23 3 * * *', handler: (db) => purgeInvitationAddresses(db) },
]
