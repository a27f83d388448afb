/**
 * Background jobs run by the worker (server/jobs/worker.ts) through pg-boss on PostgreSQL. Each job has a queue
 * name, a cron schedule (Europe/Amsterdam) and a handler. Domains add theirs here.
 */
import type { Db } from '../db/client.ts'
import { expireOffers, purgePersonalData } from '../services/slotsBooking.ts'

export type JobDefinition = { name: string; cron: string; handler: (db: Db) => Promise<unknown> }

export const jobs: JobDefinition[] = [
  // An expired waiting-list offer moves on to the next pupil (checked every minute).
  { name: 'slots-expire-offers', cron: '* * * * *', handler: (db) => expireOffers(db) },
  // Pupils' personal data is removed the configured number of days after their slot (nightly).
  { name: 'slots-purge-personal-data', cron: '17 3 * * *', handler: (db) => purgePersonalData(db) },
]
