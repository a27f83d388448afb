/**
 * For tests that check a change sends its mails through the outbox only: the mailer module with a sendMail that
 * records instead of sending. In the test file (vi.mock is hoisted there; the factory imports this module, the same
 * instance the test file imports):
 *   vi.mock('../mail/mailer.ts', async (original) => (await import('../test/direct-mail.ts')).recordingMailer(await original()))
 */
import type * as Mailer from '../mail/mailer.ts'

/** What reached the mailer's sendMail directly (not through the outbox), in order. */
export const sentDirectly: unknown[] = []

export function recordingMailer(original: typeof Mailer): typeof Mailer {
  return { ...original, sendMail: async (m: unknown) => void sentDirectly.push(m) }
}
