import type { Mail } from '../mail/mailer.ts'

/** Mails sent by the code under test, kept in order instead: pass `deps` (or `send`) where it takes a sender. */
export function captureMail() {
  const outbox: Mail[] = []
  const send = async (m: Mail) => void outbox.push(m)
  return { outbox, send, deps: { send } }
}

/** The token of the link to `/<path>/<token>` in the last of `outbox`'s mails to `to`. */
export function lastLinkToken(outbox: Mail[], to: string, path: string): string {
  return new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(outbox.filter((m) => m.to === to).at(-1)!.text)![1]!
}
