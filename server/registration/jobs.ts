import type { JobDefinition } from '../jobs/definition.ts'
import { expireHolds, purgePersonalData } from './register.ts'

/** Background jobs of the registration domain, on the slots' schedule (composed in server/jobs/jobs.ts). */
export const registrationJobs: JobDefinition[] = [
  // Unconfirmed registrations (PENDING) and waiting-list offers whose hold lapsed move on (every minute).
  { name: 'registration-expire-holds', cron: '* * * * *', handler: (db) => expireHolds(db) },
  // Registrants' personal data is removed after the event (nightly, like slot bookings).
  { name: 'registration-purge-personal-data', cron: '19 3 * * *', handler: (db) => purgePersonalData(db) },
]
