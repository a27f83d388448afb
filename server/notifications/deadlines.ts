/**
 * Reporting-deadline reminders: 14 and 3 days before a grant year's `reportDeadline`, the reporters of the boards
 * with budget lines in that year are notified (in-app, and by mail per their preference). Daily job; the window is
 * the whole day, and the notification key carries the allocation, the deadline and the distance, so reruns add
 * nothing and a moved deadline reminds again. `now` is injectable for tests.
 */
import type { Db } from '../db/client.ts'
import { toAmsterdam } from '../lib/time.ts'
import { notify } from './notify.ts'

export const DEADLINE_REMINDER_DAYS = [14, 3] as const

export async function sendDeadlineReminders(db: Db, opts: { now?: Date } = {}): Promise<number> {
  const today = toAmsterdam(opts.now ?? new Date()).date
  let told = 0
  for (const days of DEADLINE_REMINDER_DAYS) {
    // A @db.Date column: the calendar day `days` after today (Amsterdam) at UTC midnight.
    const day = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000)
    const due = await db.fundAllocation.findMany({ where: { reportDeadline: day }, select: { id: true }, orderBy: { id: 'asc' } })
    for (const a of due) told += await db.$transaction((tx) => notify(tx, { kind: 'fund.deadline', allocationId: a.id, days }))
  }
  return told
}

/** Deadlines that passed up to this many days ago are still reported (a worker that was down catches up). */
export const LATE_LOOKBACK_DAYS = 7

/**
 * After a grant year's reporting deadline: the region's coordinators get the boards that have not reported
 * ('fund.deadlinePassed'), once per grant year and deadline — the notification key carries both, so the daily
 * reruns in the following days add nothing (and a moved deadline reports again after it). Grant years in which every
 * board reported tell nobody. `scope`: only these grants (tests run side by side on one database).
 */
export async function notifyLateBoards(db: Db, opts: { now?: Date; scope?: { grantIds: string[] } } = {}): Promise<number> {
  const today = Date.parse(`${toAmsterdam(opts.now ?? new Date()).date}T00:00:00Z`)
  const passed = await db.fundAllocation.findMany({
    where: { reportDeadline: { gte: new Date(today - LATE_LOOKBACK_DAYS * 86_400_000), lt: new Date(today) }, ...(opts.scope ? { grantId: { in: opts.scope.grantIds } } : {}) },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  let told = 0
  for (const a of passed) told += await db.$transaction((tx) => notify(tx, { kind: 'fund.deadlinePassed', allocationId: a.id }))
  return told
}
