/**
 * The registration setup form's failed save: every issue of the server's answer lands at its field (the audiences
 * fieldset, the event's capacity, a session's or an audience's field), and a capacity of 0 is refused at the
 * capacity field with the range, not "fill in the capacity" (the form sent 0 as "not given").
 */
import { describe, expect, it } from 'vitest'
import { TRPCClientError } from '@trpc/client'
import { ZSetupInput } from '@/server/registration/schema'
import { issueMessage, translator } from '@/server/i18n/translate'
import { setupIssues, setupPayload, type AudienceRow, type SessionRow } from './setup-payload'

const session = (over: Partial<SessionRow> = {}): SessionRow => ({ title: 'Workshop', date: '2026-12-10', startTime: '09:00', endTime: '10:00', room: '', capacity: '20', ...over })
const pupils: AudienceRow = { kind: 'PUPIL', capacity: null, maxPartySize: 1, levels: [], schoolYears: [] }

/** The tRPC answer the server gives for this payload (server/api/trpc.ts describeError: path and translated text). */
function serverAnswer(payload: unknown, key?: string) {
  const parsed = ZSetupInput.safeParse(payload)
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, 'nl') }))
  return new TRPCClientError(translator('nl')('errors.validation'), { result: { error: { data: { code: 'BAD_REQUEST', issues, key } } } } as never)
}

describe('setup form: server issues at their fields', () => {
  it('no audience ticked and a capacity of 0: the audiences fieldset and the capacity field get their own messages', () => {
    const payload = setupPayload('ev1', [], [], '0')
    expect(payload.capacity).toBe('0')
    const issues = setupIssues(serverAnswer(payload))
    expect(issues).toEqual({
      audiences: translator('nl')('registration.validation.audienceRequired'),
      capacity: translator('nl')('registration.validation.capacity'),
    })
    expect(issues.capacity).toBe('De capaciteit is een heel getal van 1 tot 20.000.')
    expect(issues.capacity).not.toBe(translator('nl')('registration.errors.capacityRequired'))
  })

  it("a session's and an audience's capacity of 0 at those fields, with the registration's range", () => {
    const issues = setupIssues(serverAnswer(setupPayload('ev1', [{ ...pupils, capacity: 0 }], [session(), session({ capacity: '0' })], '')))
    expect(Object.keys(issues).sort()).toEqual(['audiences.0.capacity', 'sessions.1.capacity'])
    expect(issues['audiences.0.capacity']).toBe(translator('nl')('registration.validation.capacity'))
    expect(issues['sessions.1.capacity']).toBe(translator('nl')('registration.validation.capacity'))
  })

  it('an empty capacity is "not given" (the event\'s own capacity applies); the service\'s refusal of it is shown at the field', () => {
    const payload = setupPayload('ev1', [pupils], [], '')
    expect(ZSetupInput.safeParse(payload).success).toBe(true)
    const refusal = new TRPCClientError(translator('nl')('registration.errors.capacityRequired'), { result: { error: { data: { code: 'BAD_REQUEST', key: 'registration.errors.capacityRequired' } } } } as never)
    expect(setupIssues(refusal)).toEqual({ capacity: 'Vul de capaciteit in.' })
    // Another refusal stays in the form's alert only.
    expect(setupIssues(new TRPCClientError('x', { result: { error: { data: { key: 'registration.errors.roomOverlap' } } } } as never))).toEqual({})
  })
})
