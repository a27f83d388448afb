import { router } from '../trpc.ts'

export const fundRouter = router({})
