import { router } from '../trpc.ts'

export const calendarRouter = router({})
