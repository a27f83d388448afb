/**
 * A real SMTP server on loopback for the e2e tests (smtp-server + mailparser): the app sends mail to it over
 * SMTP exactly as in production; tests read what arrived through a small HTTP API.
 *   GET /messages?to=<address>  → [{ to, subject, text, html, date }] (newest last)
 *   GET /health
 */
import http from 'node:http'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'

const smtpPort = Number(process.env.SMTP_PORT ?? 2525)
const apiPort = Number(process.env.MAIL_API_PORT ?? 2526)

type Stored = { to: string[]; subject: string; text: string; html: string; date: string }
const messages: Stored[] = []

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          date: new Date().toISOString(),
        })
        callback()
      })
      .catch(callback)
  },
})
smtp.listen(smtpPort, '127.0.0.1')

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${apiPort}`)
    if (url.pathname === '/health') return void res.end('ok')
    if (url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase()
      res.setHeader('content-type', 'application/json')
      return void res.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages))
    }
    res.statusCode = 404
    res.end()
  })
  .listen(apiPort, '127.0.0.1')

console.log(`mail sink: SMTP ${smtpPort}, API ${apiPort}`)
