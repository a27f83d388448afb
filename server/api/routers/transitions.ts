import { router } from '../trpc.ts'

export const transitionsRouter = router({})
