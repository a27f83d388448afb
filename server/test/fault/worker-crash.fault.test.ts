/**
 * The job worker killed mid-batch (issue #18). A batch of outbox mails is being delivered to a slow SMTP server on
 * loopback when the worker process gets SIGKILL (no chance to clean up). After a new worker starts, every mail has
 * arrived, and none twice — except possibly the one that was in flight at the moment of the kill (SMTP had accepted
 * it, the "sent" mark had not committed), which then arrives a second time with the same Message-ID, so mail
 * clients show it once. The killed worker's claim on that row lapses after CLAIM_TIMEOUT_MS; the test moves the
 * claim back in time rather than waiting two minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { faultDatabase, startWorker, until } from './harness.ts'

let url: string
const received: string[] = []
let smtp: SMTPServer | undefined
let smtpPort = 0

beforeAll(async () => {
  const made = await faultDatabase()
  if (!made) return
  url = made.url
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = ''
      stream.on('data', (d: Buffer) => (raw += d.toString('latin1')))
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? 'missing'
        // Slow acceptance, so that the kill lands in the middle of the batch.
        setTimeout(() => {
          received.push(id)
          callback()
        }, 150)
      })
    },
  })
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve))
  smtpPort = (smtp.server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
})

describe.skipIf(!inject('faultCluster'))('worker crash', () => {
  it('SIGKILL during a batch of mails: after a restart every mail arrived, none twice except the one in flight (same Message-ID)', async () => {
    const { db } = await import('../../db/client.ts')
    const { enqueueMails, CLAIM_TIMEOUT_MS } = await import('../../mail/outbox.ts')
    const run = `crash-${Date.now().toString(36)}`
    const COUNT = 30
    await db.$transaction((tx) => enqueueMails(tx, Array.from({ length: COUNT }, (_, i) => ({ key: `${run}-${i}`, to: `ontvanger${i}@example.test`, subject: `Bericht ${i}`, text: `Bericht ${i}` }))))
    const ours = { key: { startsWith: run } }
    const smtpEnv = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, EMAIL_FROM: 'Overstap <noreply@overstap.test>' }

    const first = startWorker(url, smtpEnv)
    await until(async () => received.length >= 5, 60_000, 'the first mails to arrive')
    first.child.kill('SIGKILL')
    expect(await first.exited).toBeNull() // killed by the signal, not exited on its own
    const sentBeforeRestart = await db.mailOutbox.count({ where: { ...ours, sentAt: { not: null } } })
    expect(sentBeforeRestart).toBeGreaterThanOrEqual(4)
    expect(sentBeforeRestart).toBeLessThan(COUNT) // the kill did land mid-batch

    // What a killed worker leaves behind: at most one claimed, unsent row (the one in flight).
    const stranded = await db.mailOutbox.findMany({ where: { ...ours, sentAt: null, claimedAt: { not: null } }, select: { id: true } })
    expect(stranded.length).toBeLessThanOrEqual(1)
    await db.mailOutbox.updateMany({ where: { id: { in: stranded.map((r) => r.id) } }, data: { claimedAt: new Date(Date.now() - CLAIM_TIMEOUT_MS - 1_000) } })

    const second = startWorker(url, smtpEnv)
    try {
      await until(async () => (await db.mailOutbox.count({ where: { ...ours, sentAt: null } })) === 0, 90_000, 'every mail to be sent')
      const mine = received.filter((id) => id.startsWith(`<${run}`))
      const distinct = new Set(mine)
      expect(distinct.size).toBe(COUNT)
      expect(mine.length - distinct.size).toBeLessThanOrEqual(1)
      // Sent rows hold no address or text any more (personal data leaves the outbox once delivered).
      expect(await db.mailOutbox.count({ where: { ...ours, NOT: { to: null } } })).toBe(0)
    } finally {
      second.child.kill('SIGTERM')
      await second.exited
    }
  })
})
