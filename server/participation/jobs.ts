import type { JobDefinition } from '../jobs/definition.ts'
import { releaseDueReservations } from './reservations.ts'
import { purgeExpiredLists } from './privacy.ts'
import { purgeEvaluationComments, sendEvaluationRequests } from './evaluation.ts'

/** Background jobs of the participation domain (composed into the worker's list in server/jobs/jobs.ts). */
export const participationJobs: JobDefinition[] = [
  // Unused reserved places go back to everyone at their release moment (checked every minute).
  { name: 'participation-release-reservations', cron: '* * * * *', handler: (db) => releaseDueReservations(db) },
  // Class lists are deleted after their school year plus the grace period (nightly).
  { name: 'participation-retention', cron: '41 3 * * *', handler: (db) => purgeExpiredLists(db) },
  // The day after a slot: one evaluation mail per booking (outbox; idempotent), at 10:00 so it is not a night mail.
  { name: 'participation-evaluation-mails', cron: '0 10 * * *', handler: (db) => sendEvaluationRequests(db) },
  // Comments and links of evaluations go with the bookings' purge (nightly).
  { name: 'participation-evaluation-purge', cron: '47 3 * * *', handler: (db) => purgeEvaluationComments(db) },
]
