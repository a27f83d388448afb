import { z } from 'zod'
import { hasFormatChars } from './text.ts'

/**
 * Shared zod pieces. Custom messages are translation keys "v.<key>" (see server/i18n/translate.ts), so the
 * same schema gives translated messages in forms (client) and in API errors (server).
 */

/**
 * Built-in checks without a message of their own (`.min(1)`, `.int()`, an enum) answer a translation key too,
 * never zod's default text ("Too small: expected number to be >=1", "Invalid option: …") — in forms and in API
 * errors alike. A schema's own message wins over this; zod's locale (set per page) is only the last resort.
 */
export function builtInIssueKey(issue: { code?: string; origin?: string; expected?: string; input?: unknown }): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int' ? 'v.numberTooSmall' : issue.origin === 'array' || issue.origin === 'set' ? 'v.chooseMore' : issue.origin === 'string' ? 'v.required' : 'v.invalid'
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' ? 'v.numberTooBig' : issue.origin === 'array' || issue.origin === 'set' ? 'v.chooseFewer' : issue.origin === 'string' ? 'v.tooLong' : 'v.invalid'
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'v.required'
      return issue.expected === 'int' ? 'v.wholeNumber' : issue.expected === 'number' ? 'v.number' : 'v.invalid'
    case 'invalid_value':
      return 'v.choose'
    case 'not_multiple_of':
      return 'v.wholeNumber'
    default:
      return 'v.invalid'
  }
}
z.config({ customError: (issue) => builtInIssueKey(issue as Parameters<typeof builtInIssueKey>[0]) })
export const zId = z.string().min(1, 'v.required').max(64, 'v.tooLong')
/**
 * Text that must be filled in, trimmed: empty or only spaces is "required" and nothing else (the later checks of a
 * schema built on it, such as a minimum length or the characters of a name, are not run on it).
 */
export const zFilledText = z.string().trim().min(1, { error: 'v.required', abort: true })
export const zName = zFilledText.min(2, 'v.nameTooShort').max(200, 'v.tooLong')
/** RFC 5321's limits: a path holds at most 254 characters of address, its local part (before the @) at most 64. */
export const EMAIL_MAX_LENGTH = 254
export const EMAIL_LOCAL_MAX_LENGTH = 64
/** Whether an address fits those limits (an address longer than that can never be delivered). */
export function emailFits(address: string): boolean {
  return address.length <= EMAIL_MAX_LENGTH && address.lastIndexOf('@') <= EMAIL_LOCAL_MAX_LENGTH
}
/**
 * An e-mail address, trimmed and lower-cased: every form that takes one (bookings, registrations, pupils,
 * invitations, sign-in) uses this. One that cannot be delivered for its length is refused as such ("v.emailTooLong",
 * whose text names the two limits), before and instead of the format check.
 */
export const zEmail = z
  .string()
  .trim()
  .toLowerCase()
  .refine(emailFits, { message: 'v.emailTooLong', abort: true })
  .pipe(z.email('v.email'))
/** BRIN code: 2 digits + 2 letters, e.g. 21AB. Stored upper-case. */
export const zBrin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9]{2}[A-Z]{2}$/, 'v.brin')
/** Vestigingsnummer: 2 digits. */
export const zVestiging = z.string().trim().regex(/^[0-9]{2}$/, 'v.vestiging')
/** Bevoegd-gezagnummer: 5 digits. */
export const zBoardNumber = z.string().trim().regex(/^[0-9]{5}$/, 'v.boardNumber')
/** RIO onderwijsaanbiedercode: digits and letters, 3–20 (optional). */
export const zRioCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{3,20}$/i, 'v.rioCode')
export const zSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'v.slug')
  .max(60, 'v.tooLong')
export const zPostcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[1-9][0-9]{3} ?[A-Z]{2}$/, 'v.postcode')

/** Whitespace, control and invisible format characters (text.ts): never inside a web address we accept. */
const URL_FORBIDDEN = /[\s\p{Cc}]/u
/**
 * An absolute http(s) address on a domain name, stored in its normalised (WHATWG) form: lower-case scheme and
 * host, punycode, percent-encoded path. Rejects whitespace or control characters inside it (`https://x.nl/a b`
 * broke the ICS feeds), credentials (`https://school.nl@evil.example`) and bare IP addresses.
 */
export const zHttpUrl = z
  .string()
  .trim()
  .refine((s) => !URL_FORBIDDEN.test(s) && !hasFormatChars(s), { message: 'v.url', abort: true })
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, normalize: true, error: 'v.url' }))
  // (runs even when the url check above failed: an unparsable address is refused here too, never thrown as a 500)
  .refine((s) => URL.canParse(s) && !new URL(s).username && !new URL(s).password, { message: 'v.url', abort: true })
  .pipe(z.string().max(500, 'v.tooLong'))

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** The years a date of this app may name (events, slots, deadlines, reports, filters): anything else is a typing error. */
export const LOCAL_DATE_YEARS = { min: 2000, max: 2100 } as const

/**
 * A day as forms send it, "yyyy-MM-dd", that exists: no 31 February, no month 13 or day 0 (which `Date` and
 * `fromAmsterdam` would silently roll into another day), in LOCAL_DATE_YEARS.
 */
export function isLocalDate(s: unknown): s is string {
  const m = typeof s === 'string' ? LOCAL_DATE.exec(s) : null
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(y, mo - 1, d))
  return y >= LOCAL_DATE_YEARS.min && y <= LOCAL_DATE_YEARS.max && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
}

/** A wall-clock time as forms send it, "HH:mm" (00:00–23:59). */
export const isLocalTime = (s: unknown): s is string => typeof s === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s)

/** A day (isLocalDate) in a form or API input; `message`: the domain's translation key. Every domain's dates use it. */
export const zLocalDateOf = (message: string) => z.string().refine(isLocalDate, message)
/** A day and a wall-clock time, "yyyy-MM-ddTHH:mm" (whether that time exists in Amsterdam is the caller's check). */
export const zLocalDateTimeOf = (message: string) => z.string().refine((s) => s.length === 16 && s[10] === 'T' && isLocalDate(s.slice(0, 10)) && isLocalTime(s.slice(11)), message)
/** A wall-clock time (isLocalTime) in a form or API input; `message`: the domain's translation key. */
export const zLocalTimeOf = (message: string) => z.string().refine(isLocalTime, message)

/**
 * A number from a form (text) or a JSON body: numeric text is converted, a number stays; blank text, null, booleans,
 * arrays and objects are not numbers and fail `schema` ("required" / "not a number"). z.coerce.number() made 0 of
 * each (Number(null), Number(false), Number([]), Number('  ')), which e.g. silently switched a setting off. Every
 * numeric input field uses this; `.default()` after it still answers a missing field.
 */
export const zNum = <T extends z.ZodType<number, number>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v), schema)

/** Optional text field from a form: '' becomes undefined. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

