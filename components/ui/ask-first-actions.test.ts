import { beforeEach, describe, expect, it, vi } from 'vitest'

// The link pages' server actions, without the procedures: which one runs, and which message says it worked.
const ran: string[] = []
vi.mock('@/server/api/form-action', () => ({
  callFromForm: async (_what: string, call: (caller: unknown) => Promise<unknown>) => {
    const record = (area: string) => new Proxy({}, { get: (_t, name) => async () => void ran.push(`${area}.${String(name)}`) })
    await call({ slots: record('slots'), registration: record('registration') })
    return { ok: true, value: {}, tr: (key: string) => `[${key}]` }
  },
}))

const { bookingLinkAction } = await import('@/app/(public)/boeking/[token]/actions')
const { registrationLinkAction } = await import('@/app/(public)/aanmelding/[token]/actions')

const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

beforeEach(() => void ran.splice(0))

describe('declining an offered place asks first and says what happened', () => {
  it('booking link: "ask:decline" only opens the question; declining runs and answers its own message', async () => {
    expect(await bookingLinkAction({ kind: 'idle' }, form({ token: 't', intent: 'ask:decline' }))).toMatchObject({ kind: 'asking', question: 'decline' })
    expect(ran).toEqual([])
    expect(await bookingLinkAction({ kind: 'idle' }, form({ token: 't', intent: 'decline' }))).toMatchObject({ kind: 'done', message: '[slots.booking.declined]' })
    expect(ran).toEqual(['slots.declineOffer'])
    expect(await bookingLinkAction({ kind: 'idle' }, form({ token: 't', intent: 'keep' }))).toEqual({ kind: 'idle' })
    expect(await bookingLinkAction({ kind: 'idle' }, form({ token: 't', intent: 'constructor' }))).toEqual({ kind: 'idle' })
    expect(ran).toEqual(['slots.declineOffer'])
  })

  it('registration link: a question per offered seat; declining a seat answers its own message', async () => {
    expect(await registrationLinkAction({ kind: 'idle' }, form({ token: 't', seatId: 's1', intent: 'ask:decline:s1' }))).toMatchObject({ kind: 'asking', question: 'decline:s1' })
    expect(ran).toEqual([])
    expect(await registrationLinkAction({ kind: 'idle' }, form({ token: 't', seatId: 's1', intent: 'decline' }))).toMatchObject({ kind: 'done', message: '[registration.link.declined]' })
    expect(await registrationLinkAction({ kind: 'idle' }, form({ token: 't', intent: 'confirm' }))).toMatchObject({ kind: 'done', message: '[registration.link.confirmed]' })
    expect(ran).toEqual(['registration.declineOffer', 'registration.confirm'])
  })
})
