'use server'
import { callFromForm } from '@/server/api/form-action'

/** What the unsubscribe button shows after a submit: done, or the error (translated here). */
export type UnsubscribeState = { kind: 'idle' } | { kind: 'done'; at: number } | { kind: 'error'; message: string; at: number }

/**
 * The unsubscribe page's button submits here (a server action, no tRPC client in the page): the same procedure
 * (notifications.unsubscribe) through the server-side caller (callFromForm). Also works without JavaScript.
 */
export async function unsubscribeAction(_prev: UnsubscribeState, form: FormData): Promise<UnsubscribeState> {
  const token = String(form.get('token') ?? '')
  const r = await callFromForm('unsubscribe failed', (caller) => caller.notifications.unsubscribe({ token }))
  return r.ok ? { kind: 'done', at: Date.now() } : { kind: 'error', message: r.message, at: Date.now() }
}
