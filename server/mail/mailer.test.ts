import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { env } from '../env.ts'
import { logger } from '../lib/logger.ts'
import { mailKind, sendMail } from './mailer.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'overstap-mail-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('mail log lines', () => {
  it('name the kind of mail and the recipient’s domain, never the subject or text (free text with personal data)', async () => {
    vi.spyOn(env, 'MAIL_OUTBOX_DIR', 'get').mockReturnValue(dir)
    const info = vi.spyOn(logger, 'info').mockImplementation(() => {})
    try {
      await sendMail({
        to: 'ouder@school.example.test',
        subject: 'Bericht voor Sara Ali (06-12345678)',
        text: 'Beste Sara, bel 06-12345678.',
        messageId: '<registration.message.cm9batch0001.cm9regis0002@overstap>',
      })
      expect(readdirSync(dir)).toHaveLength(1)
      expect(info).toHaveBeenCalledTimes(1)
      const line = JSON.stringify(info.mock.calls[0])
      expect(line).not.toMatch(/Sara|12345678|ouder@/)
      expect(info.mock.calls[0]![0]).toMatchObject({ kind: 'registration.message', to: '…@school.example.test' })
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('mailKind: the outbox key up to its first id; direct mails have none', () => {
    expect(mailKind('<slot-booking.3f0c1a2e-7b7e-4c55-9a53-0d6f3c1c2b11@overstap>')).toBe('slot-booking')
    expect(mailKind('<participation.evaluation.cm9x1y2z3000008l4h2g1f0e9@overstap>')).toBe('participation.evaluation')
    expect(mailKind('<fund.reportSubmitted.cm9x1y2z3000008l4h2g1f0e9.v2@overstap>')).toBe('fund.reportSubmitted')
    expect(mailKind(undefined)).toBe('direct')
    expect(mailKind('<x@elsewhere>')).toBe('direct')
  })
})
