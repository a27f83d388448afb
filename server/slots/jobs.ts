import type { JobDefinition } from '../jobs/definition.ts'
import { expireOffers, purgePersonalData } from './booking.ts'

/** Background jobs of the slots domain (composed into the worker's list in server/jobs/jobs.ts). */
export const slotsJobs: JobDefinition[] = [
  // An expired waiting-list offer moves on to the next pupil (checked every minute).
  { name: 'slots-expire-offers', cron: '* * * * *', handler: (db) => expireOffers(db) },
  // Pupils' personal data is removed the configured number of days after their slot (nightly).
  { name: 'slots-purge-personal-data', cron: '17 3 * * *', handler: (db) => purgePersonalData(db) },
]
