import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import { env } from '../env.ts'
import { isDemoBuild } from '../auth/demo.ts'

export type Mail = { to: string; subject: string; text: string; html?: string }

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

/** Sends one e-mail over SMTP (nodemailer). Without SMTP (demo/dev only) the message lands in MAIL_OUTBOX_DIR. */
export async function sendMail(mail: Mail): Promise<void> {
  const info = await getTransport().sendMail({ from: env.EMAIL_FROM, ...mail })
  if (!env.SMTP_URL && 'message' in info && Buffer.isBuffer(info.message)) {
    mkdirSync(env.MAIL_OUTBOX_DIR, { recursive: true })
    const file = path.join(env.MAIL_OUTBOX_DIR, `${Date.now()}-${mail.to.replace(/[^a-z0-9@.]/gi, '_')}.eml`)
    await writeFile(file, info.message)
    // No address and no text in the log (they carry personal data and links); the message itself is in the outbox.
    console.log(`[mail] to ${redactAddress(mail.to)}: "${mail.subject}" → ${env.MAIL_OUTBOX_DIR}`)
  }
}
