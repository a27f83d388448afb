import type { Db } from '../db/client.ts'

/** A background job: a pg-boss queue name, a cron schedule (Europe/Amsterdam) and an idempotent handler. */
export type JobDefinition = { name: string; cron: string; handler: (db: Db) => Promise<unknown> }
