/**
 * Transactional mail outbox. A change that must be followed by an e-mail (an offered place with its one-time link)
 * writes the mail into `MailOutbox` in the same transaction, so a crash after commit cannot lose it, and a retry
 * cannot add it twice (`key` is unique: enqueueing the same key again does nothing). After commit the writer
 * flushes its own rows; the worker's `mail-outbox` job flushes whatever a crashed process left behind.
 *
 * Sending claims a row first (a conditional UPDATE), so two flushers never send one row; after SMTP accepted it the
 * row is marked sent and its address and text are erased. The only window for a second copy is a crash between
 * SMTP's acceptance and that UPDATE: the row is then claimed again after CLAIM_TIMEOUT_MS and re-sent with the
 * same Message-ID (<key@overstap>), which mail clients treat as the same message.
 */
import type { Db, DbTx } from '../db/client.ts'
import { logger, redactEmails } from '../lib/logger.ts'
import { sendMail, type Mail } from './mailer.ts'

export type OutboxMail = Mail & { key: string }

/** A claimed row whose sender vanished is sent again after this long. */
export const CLAIM_TIMEOUT_MS = 2 * 60_000

/** Writes mails into the outbox inside the caller's transaction; keys already present are skipped. */
export async function enqueueMails(tx: DbTx, mails: OutboxMail[]): Promise<void> {
  if (!mails.length) return
  await tx.mailOutbox.createMany({ data: mails.map((m) => ({ key: m.key, to: m.to, subject: m.subject, text: m.text, html: m.html ?? null })), skipDuplicates: true })
}

const messageId = (key: string) => `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@overstap>`

/**
 * Sends unsent outbox rows (only `keys` when given, else the oldest `limit`). Returns how many were sent and failed.
 * A failed row stays for the next flush.
 */
export async function flushOutbox(db: Db, opts: { keys?: string[]; limit?: number; send?: (mail: Mail) => Promise<void>; now?: () => Date } = {}): Promise<{ sent: number; failed: number }> {
  const send = opts.send ?? sendMail
  const now = opts.now ?? (() => new Date())
  const rows = await db.mailOutbox.findMany({
    where: { sentAt: null, ...(opts.keys ? { key: { in: opts.keys } } : {}) },
    select: { id: true, key: true, to: true, subject: true, text: true, html: true },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 200,
  })
  let sent = 0
  let failed = 0
  for (const row of rows) {
    const t = now()
    const { count } = await db.mailOutbox.updateMany({
      where: { id: row.id, sentAt: null, OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(t.getTime() - CLAIM_TIMEOUT_MS) } }] },
      data: { claimedAt: t, attempts: { increment: 1 } },
    })
    if (count !== 1 || !row.to) continue
    try {
      await send({ to: row.to, subject: row.subject ?? '', text: row.text ?? '', ...(row.html ? { html: row.html } : {}), messageId: messageId(row.key) })
      await db.mailOutbox.update({ where: { id: row.id }, data: { sentAt: now(), to: null, subject: null, text: null, html: null, lastError: null } })
      sent++
    } catch (err) {
      failed++
      const message = redactEmails(err instanceof Error ? err.message : String(err)).slice(0, 500)
      logger.warn({ outboxKey: row.key, err: message }, 'outbox mail failed; retried on the next flush')
      await db.mailOutbox.updateMany({ where: { id: row.id, sentAt: null }, data: { claimedAt: null, lastError: message } }).catch(() => {})
    }
  }
  return { sent, failed }
}
