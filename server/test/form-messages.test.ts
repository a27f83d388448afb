import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { issueMessage, translator } from '../i18n/translate.ts'
import { messageKey } from '../i18n/keys.ts'
import * as slots from '../slots/schema.ts'
import * as registration from '../registration/schema.ts'
import * as calendar from '../calendar/schema.ts'
import * as tenancy from '../tenancy/schema.ts'
import * as monitor from '../monitor/schema.ts'

/**
 * Issue 19: no zod default message ("Too small: expected string to have >=1 characters", "Invalid input", their
 * Dutch versions "Te klein…") and no raw message key may reach a form. Every schema behind a pupil or staff form
 * of these domains is fed what a browser form sends when it is left empty, filled with nonsense, or with numbers
 * out of range; every issue must carry a translation key ('v.<key>' / 'k.<key>') that exists in nl and en.
 */
const FORM_SCHEMAS: Record<string, z.ZodType> = {
  'slots.ZBookInput': slots.ZBookInput,
  'slots.ZCreateSlotsInput': slots.ZCreateSlotsInput,
  'slots.ZCreateProgrammeInput': slots.ZCreateProgrammeInput,
  'slots.ZUpdateProgrammeInput': slots.ZUpdateProgrammeInput,
  'slots.ZUpdateSlotInput': slots.ZUpdateSlotInput,
  'slots.ZSettingsInput': slots.ZSettingsInput,
  'registration.ZRegisterInput': registration.ZRegisterInput,
  'registration.ZSetupInput': registration.ZSetupInput,
  'calendar.ZCreateEventInput': calendar.ZCreateEventInput,
  'tenancy.ZInviteInput': tenancy.ZInviteInput,
  'tenancy.ZCreateOrganisationInput': tenancy.ZCreateOrganisationInput,
  'tenancy.ZCreateRegionInput': tenancy.ZCreateRegionInput,
  ...Object.fromEntries(Object.entries(monitor).filter(([k, v]) => /^Z(Add|Create|Update|Save).*Input$/.test(k) && typeof v === 'object').map(([k, v]) => [`monitor.${k}`, v as z.ZodType])),
}

type Mode = 'empty' | 'nonsense' | 'low' | 'high'
type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; schema?: z.ZodType; coerce?: boolean }
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def

/** What a form's control sends for a field of this type. */
function formValue(s: z.ZodType, mode: Mode): unknown {
  const d = def(s)
  switch (d.type) {
    case 'object':
      return Object.fromEntries(Object.entries(d.shape!).map(([k, v]) => [k, formValue(v, mode)]))
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return formValue(d.innerType!, mode)
    case 'pipe':
      return formValue(def(d.in!).type === 'transform' ? d.out! : d.in!, mode)
    case 'array':
      return mode === 'empty' ? [] : [formValue(d.element!, mode)]
    case 'record':
      return {}
    case 'boolean':
      return false
    case 'number':
      return mode === 'low' ? -1 : mode === 'high' ? 10_000_000 : mode === 'nonsense' ? 1.5 : ''
    case 'string':
      return mode === 'empty' ? '' : mode === 'high' ? 'x'.repeat(5000) : mode === 'low' ? '-1' : 'x'
    case 'enum':
      return mode === 'empty' ? '' : 'NOT_AN_OPTION'
    default:
      return ''
  }
}

describe('form schemas give translated messages only', () => {
  const [nl, en] = [translator('nl'), translator('en')]
  it.each(Object.entries(FORM_SCHEMAS))('%s: every issue of an empty, nonsensical or out-of-range form is a translation key', (_name, schema) => {
    const bad: { mode: Mode; path: string; message: string; nl: string; en: string }[] = []
    for (const mode of ['empty', 'nonsense', 'low', 'high'] as const) {
      const result = schema.safeParse(formValue(schema, mode))
      for (const issue of result.success ? [] : result.error.issues) {
        const key = messageKey(issue.message)
        const texts = { nl: issueMessage(issue, 'nl'), en: issueMessage(issue, 'en') }
        if (!key || !nl.has(key) || !en.has(key)) bad.push({ mode, path: issue.path.join('.'), message: issue.message, ...texts })
      }
    }
    expect(bad).toEqual([])
  })

  it('a built-in check without a message of its own answers a key too, never zod\'s default text (server/lib/zod.ts)', async () => {
    const { z } = await import('zod')
    const r = z.object({ n: z.coerce.number().int().min(1), e: z.enum(['A', 'B']), s: z.string().min(1) }).safeParse({ n: 0, e: 'C', s: '' })
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message, issueMessage(i, 'nl'), issueMessage(i, 'en')])).toEqual([
      ['n', 'v.numberTooSmall', 'Dit getal is te klein.', 'This number is too small.'],
      ['e', 'v.choose', 'Kies een van de mogelijkheden.', 'Choose one of the options.'],
      ['s', 'v.required', 'Dit veld is verplicht.', 'This field is required.'],
    ])
  })
})
