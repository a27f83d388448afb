/**
 * A loopback SMTP server for a test file (smtp-server, each message parsed with mailparser): listening from a
 * beforeAll until an afterAll, registered where this is called. `send` delivers a Mail to it over real SMTP.
 */
import { afterAll, beforeAll } from 'vitest'
import type { AddressInfo } from 'node:net'
import nodemailer from 'nodemailer'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Mail } from '../mail/mailer.ts'

/** `refuse`: asked for every recipient; while it answers true the server refuses them (451, try again later). */
export function smtpSinkForFile(opts: { refuse?: () => boolean } = {}) {
  const received: ParsedMail[] = []
  const { refuse } = opts
  const onRcptTo: SMTPServerOptions['onRcptTo'] = (_address, _session, callback) => {
    if (refuse?.()) return callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }))
    callback()
  }
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    ...(refuse ? { onRcptTo } : {}),
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          received.push(m)
          callback()
        })
        .catch(callback)
    },
  })
  let transport: nodemailer.Transporter | undefined
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const port = (smtp.server.address() as AddressInfo).port
    transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
  })
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())))
  const send = async (m: Mail) => void (await transport!.sendMail({ from: 'Overstap <noreply@overstap.test>', ...m }))
  return { received, send }
}
