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
export function registerFormInput(form: FormData) {
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
