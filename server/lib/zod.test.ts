import { describe, expect, it } from 'vitest'
import { issueMessage } from '../i18n/translate.ts'
import { EMAIL_LOCAL_MAX_LENGTH, EMAIL_MAX_LENGTH, zEmail } from './zod.ts'

const address = (local: number, total: number) => `${'a'.repeat(local)}@${'b'.repeat(total - local - 1 - '.nl'.length)}.nl`

describe('zEmail: the one e-mail schema of every form', () => {
  it('takes an address up to RFC 5321 limits (254 in all, 64 before the @), trimmed and lower-cased', () => {
    expect([EMAIL_MAX_LENGTH, EMAIL_LOCAL_MAX_LENGTH]).toEqual([254, 64])
    const longest = address(64, 254)
    expect(zEmail.parse(`  ${longest.toUpperCase()} `)).toBe(longest)
    expect(zEmail.parse('Anna.Jansen@School.example.NL')).toBe('anna.jansen@school.example.nl')
  })

  it('refuses a longer one as too long, in its own words in nl and en (audit B F3: 20,011 and 311 characters were accepted)', () => {
    for (const input of [address(64, 255), address(65, 100), `${'b'.repeat(20_000)}@example.nl`, `${'a'.repeat(300)}@example.nl`]) {
      const r = zEmail.safeParse(input)
      expect(r.success, `${input.length} characters`).toBe(false)
      expect(r.error!.issues.map((i) => i.message)).toEqual(['v.emailTooLong'])
      expect(issueMessage(r.error!.issues[0]!, 'nl')).toBe('Dit e-mailadres is te lang: hoogstens 254 tekens, en hoogstens 64 vóór de @.')
      expect(issueMessage(r.error!.issues[0]!, 'en')).toBe('This e-mail address is too long: at most 254 characters, and at most 64 before the @.')
    }
  })

  it('a malformed address of an ordinary length stays "not a valid address"; spaces around a long one do not count', () => {
    for (const input of ['geen-adres', '', `${'a'.repeat(70)}`, 'a@b'])
      expect(zEmail.safeParse(input).error!.issues.map((i) => i.message)).toEqual(['v.email'])
    expect(zEmail.safeParse(` ${address(64, 254)}   `).success).toBe(true)
  })
})
