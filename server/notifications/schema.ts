import { z } from 'zod'
import { zId } from '../lib/zod.ts'
import { NOTIFICATION_KINDS, NOTIFICATION_MODES } from './kinds.ts'

export const ZListInboxInput = z.object({ cursor: zId.optional(), unreadOnly: z.boolean().optional() })
export type ListInboxInput = z.infer<typeof ZListInboxInput>

export const ZMarkReadInput = z.object({ id: zId })

export const ZSetPreferenceInput = z.object({ kind: z.enum(NOTIFICATION_KINDS), mode: z.enum(NOTIFICATION_MODES) })
export type SetPreferenceInput = z.infer<typeof ZSetPreferenceInput>

export const ZUnsubscribeInput = z.object({ token: z.string().min(1, 'v.required').max(500, 'v.tooLong') })
