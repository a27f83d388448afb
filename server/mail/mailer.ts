import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import { env } from '../env.ts'
import { isDemoBuild } from '../auth/demo.ts'
import { logger } from '../lib/logger.ts'
import { metrics } from '../lib/metrics.ts'

/** `messageId`: a stable Message-ID (the outbox sets one, so a re-sent copy is recognisably the same message). */
export type MailAttachment = { filename: string; contentType: string; content: string }
export type Mail = {
  to: string
  subject: string
  text: string
  html?: string
  messageId?: string
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>
  /** Text attachments, e.g. an ICS invitation (`text/calendar; method=PUBLISH`). */
  attachments?: MailAttachment[]
}

let transporter: Transporter | undefined

function getTransport(): Transporter {
  if (transporter) return transporter
  if (env.SMTP_URL) transporter = nodemailer.createTransport(env.SMTP_URL)
  else if (isDemoBuild() || env.NODE_ENV !== 'production') transporter = nodemailer.createTransport({ streamTransport: true, buffer: true })
  else throw new Error('SMTP_URL is not set: cannot send e-mail')
  return transporter
}

/** An address as logs may show it: the domain only (no personal data in logs). "a.b@school.nl" → "…@school.nl". */
export function redactAddress(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? '…' : `…${address.slice(at)}`
}

/**
 * What a log line may say about which mail it was: the kind of an outbox mail, from its Message-ID (the outbox key
 * up to its first id: "<registration.message.<batch>.<registrant>@overstap>" → "registration.message"), else
 * "direct". Never the subject or the text: they carry free text (an organiser's subject "Bericht voor Sara Ali").
 */
export function mailKind(messageId: string | undefined): string {
  const key = /^<(.+)@overstap>$/.exec(messageId ?? '')?.[1]
  if (!key) return 'direct'
  const words: string[] = []
  for (const part of key.split('.')) {
    if (!/^[a-z][a-zA-Z-]*$/.test(part)) break
    words.push(part)
  }
  return words.join('.') || 'outbox'
}

/** Sends one e-mail over SMTP (nodemailer). Without SMTP (demo/dev only) the message lands in MAIL_OUTBOX_DIR. */
export async function sendMail(mail: Mail): Promise<void> {
  let info: Awaited<ReturnType<Transporter['sendMail']>>
  try {
    info = await getTransport().sendMail({ from: env.EMAIL_FROM, ...mail })
    metrics.mails.inc({ result: 'sent' })
  } catch (err) {
    metrics.mails.inc({ result: 'failed' })
    throw err
  }
  if (!env.SMTP_URL && 'message' in info && Buffer.isBuffer(info.message)) {
    mkdirSync(env.MAIL_OUTBOX_DIR, { recursive: true })
    const file = path.join(env.MAIL_OUTBOX_DIR, `${Date.now()}-${mail.to.replace(/[^a-z0-9@.]/gi, '_')}.eml`)
    await writeFile(file, info.message)
    // No address, subject or text in the log (they carry personal data, free text and links): the recipient's domain
    // and the mail's kind; the message itself is in the outbox folder.
    logger.info({ kind: mailKind(mail.messageId), to: redactAddress(mail.to), outbox: env.MAIL_OUTBOX_DIR }, 'mail written to the outbox folder')
  }
}
