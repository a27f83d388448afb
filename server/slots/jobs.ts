import type { JobDefinition } from '../jobs/definition.ts'
import { expireHolds, purgePersonalData } from './booking.ts'

/** Background jobs of the slots domain (composed into the worker's list in server/jobs/jobs.ts). */
export const slotsJobs: JobDefinition[] = [
  // An unconfirmed booking (PENDING) or a waiting-list offer whose hold lapsed moves on to the next pupil (checked
  // every minute; the job keeps its first name so that existing schedules stay valid).
  { name: 'slots-expire-offers', cron: '* * * * *', handler: (db) => expireHolds(db) },
  // Pupils' personal data is removed the configured number of days after their slot (nightly).
  { name: 'slots-purge-personal-data', cron: '17 3 * * *', handler: (db) => purgePersonalData(db) },
]
