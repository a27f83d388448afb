import { createCallerFactory, router } from './trpc.ts'
import { tenancyRouters } from '../tenancy/router.ts'
import { calendarRouter } from '../calendar/router.ts'
import { slotsRouter } from '../slots/router.ts'
import { registrationRouter } from '../registration/router.ts'
import { fundRouter } from '../fund/router.ts'
import { transitionsRouter } from '../transitions/router.ts'
import { discoveryRouter } from '../discovery/router.ts'
import { planRouter } from '../plan/router.ts'
import { monitorRouter } from '../monitor/router.ts'
import { participationRouter } from '../participation/router.ts'
import { notificationsRouter } from '../notifications/router.ts'
import { homeRouter } from '../home/router.ts'
import { jobsRouter } from '../jobs/router.ts'

/** The app router: the composition root of the domain routers (`server/<domain>/router.ts`). */
export const appRouter = router({
  ...tenancyRouters,
  calendar: calendarRouter,
  slots: slotsRouter,
  registration: registrationRouter,
  fund: fundRouter,
  transitions: transitionsRouter,
  discovery: discoveryRouter,
  plan: planRouter,
  monitor: monitorRouter,
  participation: participationRouter,
  notifications: notificationsRouter,
  home: homeRouter,
  jobs: jobsRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
