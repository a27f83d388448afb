import type { JobDefinition } from '../jobs/definition.ts'
import { sendDigests } from './digest.ts'
import { notifyAcceptedInvitations } from './invitations.ts'
import { sendSlotReminders } from './reminders.ts'
import { notifyLateBoards, sendDeadlineReminders } from './deadlines.ts'

/** The notifications domain's background jobs (composed in server/jobs/jobs.ts). */
export const notificationsJobs: JobDefinition[] = [
  { name: 'notifications-digest', cron: '0 7 * * *', handler: (db) => sendDigests(db) },
  { name: 'notifications-invitations', cron: '* * * * *', handler: (db) => notifyAcceptedInvitations(db) },
  { name: 'notifications-slot-reminders', cron: '7 * * * *', handler: (db) => sendSlotReminders(db) },
  { name: 'notifications-deadlines', cron: '30 6 * * *', handler: (db) => sendDeadlineReminders(db) },
  { name: 'notifications-late-boards', cron: '45 6 * * *', handler: (db) => notifyLateBoards(db) },
]
