import { router } from '../trpc.ts'

export const slotsRouter = router({})
