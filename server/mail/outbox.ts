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
import { sqlOf, type Db, type DbTx } from '../db/client.ts'
import type { Prisma } from '../db/generated/client.ts'
import { logger, redactEmails } from '../lib/logger.ts'
import { truncateText } from '../lib/text.ts'
import { sendMail, type Mail, type MailAttachment } from './mailer.ts'

export type OutboxMail = Mail & { key: string }
/** A template row (see registerMailTemplate): the sender renders its subject and text when it sends it. */
export type OutboxTemplateMail = { key: string; to: string; template: MailTemplate }

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

/** Writes mails (rendered, or template rows) into the outbox inside the caller's transaction; keys already present are skipped. */
export async function enqueueMails(tx: DbTx, mails: (OutboxMail | OutboxTemplateMail)[]): Promise<void> {
  if (!mails.length) return
  await tx.mailOutbox.createMany({
    data: mails.map((m) =>
      'template' in m
        ? { key: m.key, to: m.to, template: m.template as Prisma.InputJsonObject }
        : {
            key: m.key,
            to: m.to,
            subject: m.subject,
            text: m.text,
            html: m.html ?? null,
            ...(m.headers ? { headers: m.headers } : {}),
            ...(m.attachments?.length ? { attachments: m.attachments } : {}),
          },
    ),
    skipDuplicates: true,
  })
}

const messageId = (key: string) => `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@overstap>`

type OutboxRow = { id: string; key: string; to: string | null; subject: string | null; text: string | null; html: string | null; headers: unknown; attachments: unknown; template: unknown }

/**
 * The outbox's statements, over the pool (sqlOf: no ORM compile, which cost ≈ 2.5 ms CPU per query and three per
 * mail). Instants are sent as UTC ISO strings cast to `timestamp` (the columns hold UTC).
 */
const DUE = `SELECT "id", "key", "to", "subject", "text", "html", "headers", "attachments", "template" FROM "MailOutbox"
  WHERE "sentAt" IS NULL AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= $1::timestamp)`
const SELECT_DUE = `${DUE} ORDER BY "createdAt" LIMIT $2`
const SELECT_DUE_KEYS = `${DUE} AND "key" = ANY($3::text[]) ORDER BY "createdAt" LIMIT $2`
/** One row claimed just before its send (so at most one claimed, unsent row per sender at any time). */
const CLAIM = `UPDATE "MailOutbox" SET "claimedAt" = $2::timestamp, "attempts" = "attempts" + 1
  WHERE "id" = $1 AND "sentAt" IS NULL AND ("claimedAt" IS NULL OR "claimedAt" < $3::timestamp) RETURNING "attempts"`
/** Sent: the address and text are erased. */
const MARK_SENT = `UPDATE "MailOutbox" SET "sentAt" = $2::timestamp, "to" = NULL, "subject" = NULL, "text" = NULL, "html" = NULL,
  "headers" = NULL, "attachments" = NULL, "template" = NULL, "lastError" = NULL, "nextAttemptAt" = NULL WHERE "id" = $1`
const MARK_FAILED = `UPDATE "MailOutbox" SET "claimedAt" = NULL, "lastError" = $2, "nextAttemptAt" = $3::timestamp WHERE "id" = $1 AND "sentAt" IS NULL`

function rowMail(row: OutboxRow & { to: string }): Mail {
  const template = row.template as MailTemplate | null
  if (template) return { ...renderMailTemplate(template), to: row.to, messageId: messageId(row.key) }
  const headers = row.headers as Record<string, string> | null
  const attachments = row.attachments as MailAttachment[] | null
  return {
    to: row.to,
    subject: row.subject ?? '',
    text: row.text ?? '',
    ...(row.html ? { html: row.html } : {}),
    ...(headers ? { headers } : {}),
    ...(attachments?.length ? { attachments } : {}),
    messageId: messageId(row.key),
  }
}

/**
 * Sends unsent outbox rows (only `keys` when given, else the oldest `limit`). Returns how many were sent and failed.
 * A failed row stays for the next flush. Per row: claim (a conditional UPDATE: two flushers never send one row),
 * send, mark sent — the claim is taken right before the send, so a crash strands at most the one row in flight.
 */
export async function flushOutbox(db: Db, opts: { keys?: string[]; limit?: number; send?: (mail: Mail) => Promise<void>; now?: () => Date } = {}): Promise<{ sent: number; failed: number }> {
  const send = opts.send ?? sendMail
  const now = opts.now ?? (() => new Date())
  const sql = sqlOf(db)
  const iso = (d: Date) => d.toISOString()
  const limit = opts.limit ?? 200
  const { rows } = opts.keys
    ? await sql.query<OutboxRow>(SELECT_DUE_KEYS, [iso(now()), limit, opts.keys])
    : await sql.query<OutboxRow>(SELECT_DUE, [iso(now()), limit])
  let sent = 0
  let failed = 0
  for (const row of rows) {
    const t = now()
    const claimed = (await sql.query<{ attempts: number }>(CLAIM, [row.id, iso(t), iso(new Date(t.getTime() - CLAIM_TIMEOUT_MS))])).rows[0]
    if (!claimed || !row.to) continue
    try {
      await send(rowMail(row as OutboxRow & { to: string }))
      await sql.query(MARK_SENT, [row.id, iso(now())])
      sent++
    } catch (err) {
      failed++
      const message = truncateText(redactEmails(err instanceof Error ? err.message : String(err)), 500)
      const attempts = Number(claimed.attempts)
      const nextAttemptAt = new Date(now().getTime() + backoffMs(attempts))
      logger.warn({ outboxKey: row.key, err: message, attempts, nextAttemptAt }, 'outbox mail failed; retried after a backoff')
      await sql.query(MARK_FAILED, [row.id, message, iso(nextAttemptAt)]).catch(() => {})
    }
  }
  return { sent, failed }
}
