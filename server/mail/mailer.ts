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

/** Sends one e-mail over SMTP (nodemailer). Without SMTP (demo/dev only) the message lands in MAIL_OUTBOX_DIR. */
export async function sendMail(mail: Mail): Promise<void> {
  const info = await getTransport().sendMail({ from: env.EMAIL_FROM, ...mail })
  if (!env.SMTP_URL && 'message' in info && Buffer.isBuffer(info.message)) {
    mkdirSync(env.MAIL_OUTBOX_DIR, { recursive: true })
    const file = path.join(env.MAIL_OUTBOX_DIR, `${Date.now()}-${mail.to.replace(/[^a-z0-9@.]/gi, '_')}.eml`)
    await writeFile(file, info.message)
    console.log(`[mail] to ${mail.to}: "${mail.subject}" → ${file}\n${mail.text}`)
  }
}
