/**
 * Background jobs run by the worker (server/jobs/worker.ts) through pg-boss on PostgreSQL. Each job has a queue
 * name, a cron schedule (Europe/Amsterdam) and a handler. Like the app router, this is a composition root:
 * each domain defines its jobs in `server/<domain>/jobs.ts` and they are listed here.
 */
import type { JobDefinition } from './definition.ts'
import { slotsJobs } from '../slots/jobs.ts'
import { tenancyJobs } from '../tenancy/jobs.ts'

export type { JobDefinition }

export const jobs: JobDefinition[] = [...slotsJobs, ...tenancyJobs]
