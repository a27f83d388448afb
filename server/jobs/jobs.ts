/**
 * Background jobs run by the worker (server/jobs/worker.ts) through pg-boss on PostgreSQL. Each job has a queue
 * name, a cron schedule (Europe/Amsterdam) and a handler. Like the app router, this is a composition root:
 * each domain defines its jobs in `server/<domain>/jobs.ts` and they are listed here.
 */
import type { JobDefinition } from './definition.ts'
import { slotsJobs } from '../slots/jobs.ts'
import { registrationJobs } from '../registration/jobs.ts'
import { tenancyJobs } from '../tenancy/jobs.ts'
import { participationJobs } from '../participation/jobs.ts'
import { notificationsJobs } from '../notifications/jobs.ts'
import { flushOutbox } from '../mail/outbox.ts'

export type { JobDefinition }

/** Mails that a crashed process committed but did not send (server/mail/outbox.ts). */
const infrastructureJobs: JobDefinition[] = [{ name: 'mail-outbox', cron: '* * * * *', handler: (db) => flushOutbox(db) }]

export const jobs: JobDefinition[] = [...slotsJobs, ...participationJobs, ...registrationJobs, ...tenancyJobs, ...notificationsJobs, ...infrastructureJobs]
