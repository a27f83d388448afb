/**
 * Delivery over real SMTP (smtp-server on loopback, parsed with mailparser): a notification's mail survives a mail
 * server that refuses it — the user's action succeeded, the row waits for its backoff and is sent on a later flush
 * with the same Message-ID and the RFC 8058 headers — and nothing is sent twice.
 */
import { describe, expect, it } from 'vitest'
import { uniq } from '../db/factories.ts'
import { callerFor, db } from '../test/helpers.ts'
import { smtpSinkForFile } from '../test/smtp-sink.ts'
import { twoRegionWorldBeforeAll } from '../test/world.ts'
import { nextWeekday } from '../calendar/test-dates.ts'
import { schoolEventInput } from '../calendar/test-world.ts'
import { backoffMs, flushOutbox } from '../mail/outbox.ts'
import { mailKey } from './notify.ts'

let refuse = true
const { received, send } = smtpSinkForFile({ refuse: () => refuse })
const w = twoRegionWorldBeforeAll()

describe('outbox delivery over SMTP', () => {
  it('a refused mail waits for its backoff and is delivered once the server accepts; the action itself succeeded', async () => {
    const day = nextWeekday(2, 20)
    const staff = await callerFor(w.a.staff.id)
    const title = `Voorlichting ${uniq()}`
    const { ids } = await staff.calendar.create(schoolEventInput(w, { title, type: 'VOORLICHTING', audienceLevels: ['vwo'], startDate: day, startTime: '10:00', endTime: '11:00' }))
    await staff.calendar.propose({ id: ids[0]! })
    expect((await db.calendarEvent.findUniqueOrThrow({ where: { id: ids[0]! } })).status).toBe('PROPOSED')
    const n = await db.notification.findFirstOrThrow({ where: { userId: w.a.coordinator.id, kind: 'calendar.proposed', link: `/agenda/${ids[0]}` } })
    const key = mailKey(w.a.coordinator.id, n.key)

    const t0 = new Date()
    expect(await flushOutbox(db, { keys: [key], send, now: () => t0 })).toEqual({ sent: 0, failed: 1 })
    const failed = await db.mailOutbox.findUniqueOrThrow({ where: { key } })
    expect(failed).toMatchObject({ sentAt: null, attempts: 1, claimedAt: null, to: w.a.coordinator.email })
    expect(failed.lastError).toContain('451')
    expect(failed.nextAttemptAt!.getTime()).toBe(t0.getTime() + backoffMs(1))

    // Before the backoff has passed, nothing is tried (even though the server would now accept).
    refuse = false
    expect(await flushOutbox(db, { keys: [key], send, now: () => new Date(t0.getTime() + backoffMs(1) - 1) })).toEqual({ sent: 0, failed: 0 })
    expect(received).toHaveLength(0)

    const t1 = new Date(t0.getTime() + backoffMs(1))
    expect(await flushOutbox(db, { keys: [key], send, now: () => t1 })).toEqual({ sent: 1, failed: 0 })
    expect(received).toHaveLength(1)
    const mail = received[0]!
    expect(mail.subject).toBe(`Voorstel ter beoordeling: ${title}`)
    expect(mail.text).toContain(`/agenda/${ids[0]}`)
    expect(mail.html).toContain(title)
    expect(mail.messageId).toBe(`<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@overstap>`)
    // Unfolded (RFC 5322 2.2.3): a long header may be folded over lines.
    const header = (name: string) => mail.headerLines.find((l) => l.key === name)?.line.replace(/\r\n\s+/g, ' ')
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <http:\/\/[^>]+\/api\/notifications\/unsubscribe\?token=[\w.%-]+>$/)

    // Sent: address, text and headers erased; a further flush sends nothing again.
    expect(await db.mailOutbox.findUniqueOrThrow({ where: { key } })).toMatchObject({ to: null, text: null, html: null, headers: null, attempts: 2, lastError: null })
    expect(await flushOutbox(db, { keys: [key], send, now: () => new Date(t1.getTime() + 3_600_000) })).toEqual({ sent: 0, failed: 0 })
    expect(received).toHaveLength(1)
  })

  it('the backoff doubles per attempt up to an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000])
  })
})
