/**
 * The public registration form (`app/(public)/aanmelden/[eventId]`) as the register procedure's input. The form
 * holds every audience's fields (shown by CSS for the chosen audience, so it works without JavaScript); only the
 * fields the chosen audience is asked are read, so a hidden field's value (a pupil's level left behind, the party
 * size's default) never reaches the registration. Whether the chosen audience gave what it must is checked by the
 * procedure (schema and register), in words.
 */
export const ASKED_OF = {
  schoolId: ['PUPIL', 'PROFESSIONAL'],
  schoolOther: ['PUPIL', 'PROFESSIONAL'],
  partySize: ['PARENT'],
  level: ['PUPIL'],
  year: ['PUPIL'],
  role: ['PROFESSIONAL'],
} as const satisfies Record<string, readonly string[]>

/** Text values as the schema takes them (it trims, turns '' into "not given" and numbers from text). */
export function registerFormInput(form: FormData): RegisterFormInput {
  const get = (k: string) => {
    const v = form.get(k)
    return typeof v === 'string' ? v : undefined
  }
  const audience = get('audience') ?? ''
  const asked = (k: keyof typeof ASKED_OF) => ((ASKED_OF[k] as readonly string[]).includes(audience) ? get(k) : undefined)
  return {
    eventId: get('eventId') ?? '',
    audience,
    name: get('name') ?? '',
    email: get('email') ?? '',
    schoolId: asked('schoolId'),
    schoolOther: asked('schoolOther'),
    level: asked('level'),
    year: asked('year'),
    partySize: asked('partySize'),
    role: asked('role'),
    sessionIds: form.getAll('sessionIds').filter((v) => typeof v === 'string'),
  }
}

export type RegisterFormInput = {
  eventId: string
  audience: string
  name: string
  email: string
  schoolId?: string
  schoolOther?: string
  level?: string
  year?: string
  partySize?: string
  role?: string
  sessionIds: string[]
}

/**
 * The field each of the register procedure's refusals is about (its error key): what the chosen audience must still
 * give, what it may not give, the party's size, the picked sessions. The form marks that field invalid with the
 * refusal's own words, as it does with the schema's issues.
 */
const REFUSAL_FIELD: Record<string, keyof RegisterFormInput> = {
  'registration.errors.audienceNotOpen': 'audience',
  'registration.errors.audienceFull': 'audience',
  'registration.errors.schoolRequired': 'schoolId',
  'slots.errors.unknownSchool': 'schoolId',
  'slots.errors.schoolOtherRequired': 'schoolOther',
  'slots.errors.levelNotInAudience': 'level',
  'registration.errors.yearNotInAudience': 'year',
  'registration.errors.roleRequired': 'role',
  'registration.errors.partySizeRequired': 'partySize',
  'registration.errors.partyTooLarge': 'partySize',
  'registration.errors.partyNeverFits': 'partySize',
  'registration.errors.sessionOverlap': 'sessionIds',
  'registration.errors.sessionNotFound': 'sessionIds',
}

/**
 * A refusal (`key`, its translated `message`) as issues per field of the form; none for a refusal about no one field
 * (a duplicate, a closed window). "Level and year" marks whichever of the two was left empty.
 */
export function refusalIssues(key: string | undefined, message: string, input: RegisterFormInput): Record<string, string> {
  if (key === 'registration.errors.levelRequired') return Object.fromEntries((['level', 'year'] as const).filter((f) => !input[f]).map((f) => [f, message]))
  const field = key === undefined ? undefined : REFUSAL_FIELD[key]
  return field ? { [field]: message } : {}
}
