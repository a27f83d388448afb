import { createCallerFactory, router } from './trpc.ts'
import { auditRouter } from './routers/audit.ts'
import { boardRouter } from './routers/board.ts'
import { meRouter } from './routers/me.ts'
import { memberRouter } from './routers/member.ts'
import { organisationRouter } from './routers/organisation.ts'
import { regionRouter } from './routers/region.ts'
import { calendarRouter } from './routers/calendar.ts'
import { slotsRouter } from './routers/slots.ts'
import { fundRouter } from './routers/fund.ts'
import { transitionsRouter } from './routers/transitions.ts'

/** The app router: one thin router per domain. Feature domains add theirs here. */
export const appRouter = router({
  audit: auditRouter,
  board: boardRouter,
  me: meRouter,
  member: memberRouter,
  organisation: organisationRouter,
  region: regionRouter,
  calendar: calendarRouter,
  slots: slotsRouter,
  fund: fundRouter,
  transitions: transitionsRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
