/**
 * Domain events as the notifications domain receives them, and the one place that turns each into notifications:
 * its recipients, the parameters of its text and the link to its subject. Recipients are resolved from the tenancy
 * tables (role memberships) read directly, so this domain imports no other domain (server/test/architecture.test.ts).
 * `params` never carry a pupil's personal data.
 */
import { randomUUID } from 'node:crypto'
import type { DbTx } from '../db/client.ts'
import type { Role } from '../db/generated/enums.ts'
import type { NotificationKind } from './kinds.ts'
import { lateBoards } from './late-boards.ts'

/** Boards named in the text of a 'fund.deadlinePassed' notification (the rest are counted). */
export const LATE_LISTED = 10

type Actor = { actorId: string | null }
type FundReportState = {
  id: string
  status: string
  version: number
  boardId: string
  rejectReason: string | null
  board: { name: string }
  budgetLine: { activity: string; grantId: string; grant: { regionId: string } }
}
type CalendarBase = Actor & { eventId: string; title: string }

export type NotificationEvent =
  | (CalendarBase & { kind: 'calendar.proposed'; regionIds: string[] })
  | (CalendarBase & { kind: 'calendar.published'; regionName: string; organisationIds: string[] })
  | (CalendarBase & { kind: 'calendar.rejected'; regionName: string; organisationIds: string[]; reason: string })
  | (CalendarBase & { kind: 'calendar.moved'; startsAt: Date; organisationIds: string[]; sequence: number })
  | (CalendarBase & { kind: 'calendar.cancelled'; organisationIds: string[] })
  /** An expenditure report after a status change (submitted, approved or rejected; other statuses tell nobody). */
  | (Actor & { kind: 'fund.report'; report: FundReportState })
  | { kind: 'tenancy.invitationAccepted'; invitationId: string; invitedById: string; role: Role; scopeName: string }
  | { kind: 'slots.offerExpired'; bookingId: string }
  | { kind: 'fund.deadline'; allocationId: string; days: number }
  /** The day after a grant year's reporting deadline (job): the boards that have not reported, for the coordinators. */
  | { kind: 'fund.deadlinePassed'; allocationId: string }
  /** A grant year was closed or reopened (`reason`: the reopening's). */
  | (Actor & { kind: 'fund.yearClosed' | 'fund.yearReopened'; grantId: string; year: number; reason?: string })
  /** A decaan booked on a pupil's behalf (no pupil data in the notification: programme, date and outcome only). */
  | (Actor & { kind: 'slots.bookedOnBehalf'; bookingId: string })

/** What `notify` writes: one notification per recipient with this key (unique per user), kind, params and link. */
export type NotificationSpec = { kind: NotificationKind; key: string; params: Record<string, string | number>; link: string; recipients: string[] }

const STAFF: Role[] = ['ORG_STAFF', 'INSTITUTION_PUBLISHER']

async function members(tx: DbTx, where: { role: Role | { in: Role[] }; regionId?: { in: string[] }; organisationId?: { in: string[] }; boardId?: string | { in: string[] } }, except: string | null): Promise<string[]> {
  const rows = await tx.roleMembership.findMany({ where, select: { userId: true }, distinct: ['userId'] })
  return rows.map((r) => r.userId).filter((u) => u !== except)
}

const coordinators = (tx: DbTx, regionIds: string[], except: string | null) => members(tx, { role: 'REGION_COORDINATOR', regionId: { in: regionIds } }, except)
const organiserStaff = (tx: DbTx, organisationIds: string[], except: string | null) => members(tx, { role: { in: STAFF }, organisationId: { in: organisationIds } }, except)
const boardReporters = (tx: DbTx, boardId: string, except: string | null) => members(tx, { role: 'BOARD_REPORTER', boardId }, except)

/** Reporters of the boards with budget lines in a year of a grant (who report for that year). */
async function yearReporters(tx: DbTx, grantId: string, year: number, except: string | null): Promise<string[]> {
  const boards = await tx.fundBudgetLineBoard.findMany({ where: { budgetLine: { grantId, year } }, select: { boardId: true }, distinct: ['boardId'] })
  return boards.length ? members(tx, { role: 'BOARD_REPORTER', boardId: { in: boards.map((b) => b.boardId) } }, except) : []
}

/** Turns a domain event into its notification (null: nothing to tell anyone). */
export async function describe(tx: DbTx, event: NotificationEvent): Promise<NotificationSpec | null> {
  // Changes by a person happen once per transaction: a fresh key per occurrence. Jobs use a key per subject.
  const once = randomUUID()
  switch (event.kind) {
    case 'calendar.proposed':
      return { kind: event.kind, key: `${event.kind}:${event.eventId}:${once}`, params: { title: event.title }, link: `/agenda/${event.eventId}`, recipients: await coordinators(tx, event.regionIds, event.actorId) }
    case 'calendar.published':
      return { kind: event.kind, key: `${event.kind}:${event.eventId}:${once}`, params: { title: event.title, region: event.regionName }, link: `/agenda/${event.eventId}`, recipients: await organiserStaff(tx, event.organisationIds, event.actorId) }
    case 'calendar.rejected':
      return {
        kind: event.kind,
        key: `${event.kind}:${event.eventId}:${once}`,
        params: { title: event.title, region: event.regionName, reason: event.reason },
        link: `/agenda/${event.eventId}`,
        recipients: await organiserStaff(tx, event.organisationIds, event.actorId),
      }
    case 'calendar.moved':
      return {
        kind: event.kind,
        key: `${event.kind}:${event.eventId}:${event.sequence}:${once}`,
        params: { title: event.title, startsAt: event.startsAt.toISOString() },
        link: `/agenda/${event.eventId}`,
        recipients: await organiserStaff(tx, event.organisationIds, event.actorId),
      }
    case 'calendar.cancelled':
      return { kind: event.kind, key: `${event.kind}:${event.eventId}`, params: { title: event.title }, link: `/agenda/${event.eventId}`, recipients: await organiserStaff(tx, event.organisationIds, event.actorId) }
    case 'fund.report': {
      const r = event.report
      const base = { link: `/fonds/${r.budgetLine.grantId}/rapportages/${r.id}` }
      if (r.status === 'SUBMITTED')
        return { ...base, kind: 'fund.reportSubmitted', key: `fund.reportSubmitted:${r.id}:v${r.version}`, params: { board: r.board.name, activity: r.budgetLine.activity }, recipients: await coordinators(tx, [r.budgetLine.grant.regionId], event.actorId) }
      if (r.status === 'APPROVED')
        return { ...base, kind: 'fund.reportApproved', key: `fund.reportApproved:${r.id}:v${r.version}`, params: { activity: r.budgetLine.activity }, recipients: await boardReporters(tx, r.boardId, event.actorId) }
      if (r.status === 'REJECTED')
        return { ...base, kind: 'fund.reportRejected', key: `fund.reportRejected:${r.id}:v${r.version}`, params: { activity: r.budgetLine.activity, reason: r.rejectReason ?? '' }, recipients: await boardReporters(tx, r.boardId, event.actorId) }
      return null
    }
    case 'tenancy.invitationAccepted':
      return { kind: event.kind, key: `${event.kind}:${event.invitationId}`, params: { role: event.role, scope: event.scopeName }, link: '/admin/members', recipients: [event.invitedById] }
    case 'slots.offerExpired': {
      // Only a booking a decaan made has someone with an account to tell (pupils book without one).
      const b = await tx.slotBooking.findUnique({ where: { id: event.bookingId }, select: { bookedById: true, slot: { select: { startsAt: true, programme: { select: { name: true } } } } } })
      if (!b?.bookedById) return null
      return { kind: event.kind, key: `${event.kind}:${event.bookingId}`, params: { programme: b.slot.programme.name, startsAt: b.slot.startsAt.toISOString() }, link: '/proefstuderen/school', recipients: [b.bookedById] }
    }
    case 'fund.deadline': {
      const a = await tx.fundAllocation.findUnique({ where: { id: event.allocationId }, select: { year: true, reportDeadline: true, grant: { select: { id: true, fundName: true } } } })
      if (!a?.reportDeadline) return null
      const recipients = await yearReporters(tx, a.grant.id, a.year, null)
      return {
        kind: event.kind,
        key: `${event.kind}:${event.allocationId}:${a.reportDeadline.toISOString().slice(0, 10)}:${event.days}`,
        params: { fund: a.grant.fundName, year: a.year, days: event.days, deadlineOn: a.reportDeadline.toISOString().slice(0, 10) },
        link: `/fonds/${a.grant.id}`,
        recipients,
      }
    }
    case 'fund.deadlinePassed': {
      const a = await tx.fundAllocation.findUnique({ where: { id: event.allocationId }, select: { year: true, reportDeadline: true, grant: { select: { id: true, fundName: true, regionId: true } } } })
      if (!a?.reportDeadline) return null
      const late = await lateBoards(tx, { allocationIds: [event.allocationId] })
      if (!late.length) return null
      const names = late.map((b) => b.board)
      return {
        kind: event.kind,
        key: `${event.kind}:${event.allocationId}:${a.reportDeadline.toISOString().slice(0, 10)}`,
        // The list in the text is capped (a notification is not a report); the link shows all of them.
        params: { fund: a.grant.fundName, year: a.year, deadlineOn: a.reportDeadline.toISOString().slice(0, 10), count: names.length, boards: names.slice(0, LATE_LISTED).join(', ') + (names.length > LATE_LISTED ? ', …' : '') },
        link: `/fonds/${a.grant.id}`,
        recipients: await coordinators(tx, [a.grant.regionId], null),
      }
    }
    case 'fund.yearClosed':
    case 'fund.yearReopened': {
      const g = await tx.fundGrant.findUnique({ where: { id: event.grantId }, select: { fundName: true, regionId: true } })
      if (!g) return null
      const recipients = [...(await yearReporters(tx, event.grantId, event.year, event.actorId)), ...(await coordinators(tx, [g.regionId], event.actorId))]
      return {
        kind: event.kind,
        key: `${event.kind}:${event.grantId}:${event.year}:${once}`,
        params: { fund: g.fundName, year: event.year, ...(event.kind === 'fund.yearReopened' ? { reason: event.reason ?? '' } : {}) },
        link: `/fonds/${event.grantId}`,
        recipients,
      }
    }
    case 'slots.bookedOnBehalf': {
      const b = await tx.slotBooking.findUnique({
        where: { id: event.bookingId },
        select: { schoolId: true, status: true, bookedBy: { select: { name: true, email: true } }, slot: { select: { startsAt: true, programme: { select: { name: true } }, organisation: { select: { name: true } } } } },
      })
      if (!b?.schoolId) return null
      return {
        kind: event.kind,
        key: `${event.kind}:${event.bookingId}`,
        params: { programme: b.slot.programme.name, institution: b.slot.organisation.name, startsAt: b.slot.startsAt.toISOString(), status: b.status, by: b.bookedBy?.name ?? b.bookedBy?.email ?? '' },
        link: '/proefstuderen/school',
        recipients: await members(tx, { role: 'ORG_STAFF', organisationId: { in: [b.schoolId] } }, event.actorId),
      }
    }
  }
}
