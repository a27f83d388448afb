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
 *
 * A failed send (SMTP down, refused) never fails the change that wrote the row: the row stays unsent and waits for
 * `nextAttemptAt`, which grows exponentially with the attempts (30 s, 1 min, 2 min … capped at MAX_BACKOFF_MS), so a
 * mail server that is down delays mail and never loses it. The worker's `mail-outbox` job and its short poll
 * (server/jobs/worker.ts) send whatever is due.
 *
 * A row may hold a template instead of its text (`template`: {"kind", …parameters}): the sender renders it with the
 * renderer its domain registered for that kind (registerMailTemplate), so a hot path (the booking rush, issue 17)
 * writes a few parameters in its own statement and leaves the rendering to the worker. A row whose kind has no
 * renderer in this process is not sent: it fails like a refused send (lastError, backoff) and waits for one that has.
 */
import type { Db, DbTx } from '../db/client.ts'
import { logger, redactEmails } from '../lib/logger.ts'
import { Prisma } from '../db/generated/client.ts'
import { sendMail, type Mail, type MailAttachment } from './mailer.ts'

export type OutboxMail = Mail & { key: string }

/** The parameters of a template row (MailOutbox.template): its kind and whatever its renderer reads. */
export type MailTemplate = { kind: string } & Record<string, unknown>
/** Renders a template row's mail (subject, text, optionally html, headers, attachments); the row gives the address. */
export type MailTemplateRenderer = (template: MailTemplate) => Omit<Mail, 'to' | 'messageId'>

const renderers = new Map<string, MailTemplateRenderer>()

/** A domain's renderer of its template rows, registered when its module loads (the worker imports every domain's jobs). */
export function registerMailTemplate(kind: string, render: MailTemplateRenderer): void {
  renderers.set(kind, render)
}

/** The mail of a template row, as the sender sends it. */
export function renderMailTemplate(template: MailTemplate): Omit<Mail, 'to' | 'messageId'> {
  const render = renderers.get(template.kind)
  if (!render) throw new Error(`no renderer for mail template '${String(template.kind)}' in this process`)
  return render(template)
}

/** A claimed row whose sender vanished is sent again after this long. */
export const CLAIM_TIMEOUT_MS = 2 * 60_000
/** Backoff after a failed attempt: BASE_BACKOFF_MS × 2^(attempts − 1), at most MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 30_000
export const MAX_BACKOFF_MS = 60 * 60_000

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
}

/** Writes mails into the outbox inside the caller's transaction; keys already present are skipped. */
export async function enqueueMails(tx: DbTx, mails: OutboxMail[]): Promise<void> {
  if (!mails.length) return
  await tx.mailOutbox.createMany({
    data: mails.map((m) => ({
      key: m.key,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
      ...(m.headers ? { headers: m.headers } : {}),
      ...(m.attachments?.length ? { attachments: m.attachments } : {}),
    })),
    skipDuplicates: true,
  })
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
    where: { sentAt: null, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now() } }], ...(opts.keys ? { key: { in: opts.keys } } : {}) },
    select: { id: true, key: true, to: true, subject: true, text: true, html: true, headers: true, attachments: true, template: true },
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
      const template = row.template as MailTemplate | null
      if (template) await send({ ...renderMailTemplate(template), to: row.to, messageId: messageId(row.key) })
      else {
        const headers = row.headers as Record<string, string> | null
        const attachments = row.attachments as MailAttachment[] | null
        await send({
          to: row.to,
          subject: row.subject ?? '',
          text: row.text ?? '',
          ...(row.html ? { html: row.html } : {}),
          ...(headers ? { headers } : {}),
          ...(attachments?.length ? { attachments } : {}),
          messageId: messageId(row.key),
        })
      }
      await db.mailOutbox.update({
        where: { id: row.id },
        data: { sentAt: now(), to: null, subject: null, text: null, html: null, headers: Prisma.DbNull, attachments: Prisma.DbNull, template: Prisma.DbNull, lastError: null, nextAttemptAt: null },
      })
      sent++
    } catch (err) {
      failed++
      const message = redactEmails(err instanceof Error ? err.message : String(err)).slice(0, 500)
      const attempts = (await db.mailOutbox.findUnique({ where: { id: row.id }, select: { attempts: true } }).catch(() => null))?.attempts ?? 1
      const nextAttemptAt = new Date(now().getTime() + backoffMs(attempts))
      logger.warn({ outboxKey: row.key, err: message, attempts, nextAttemptAt }, 'outbox mail failed; retried after a backoff')
      await db.mailOutbox.updateMany({ where: { id: row.id, sentAt: null }, data: { claimedAt: null, lastError: message, nextAttemptAt } }).catch(() => {})
    }
  }
  return { sent, failed }
}
