import { describe, expect, it } from 'vitest'
import { registerFormInput } from './form-input.ts'

/** The form as the browser posts it: every audience's fields (hidden ones included, with what they hold). */
const posted = (audience: string) => {
  const f = new FormData()
  for (const [k, v] of Object.entries({ eventId: 'ev1', audience, name: 'Petra Ouder', email: 'petra@example.net', schoolId: 'school1', schoolOther: 'x', partySize: '3', level: 'HAVO', year: '4', role: 'DECAAN' })) f.set(k, v)
  f.append('sessionIds', 's1')
  f.append('sessionIds', 's2')
  return f
}

describe('the registration form as input (only the chosen audience’s fields)', () => {
  it('a parent gives the party size, nothing of a pupil or a professional', () => {
    expect(registerFormInput(posted('PARENT'))).toEqual({
      eventId: 'ev1', audience: 'PARENT', name: 'Petra Ouder', email: 'petra@example.net',
      schoolId: undefined, schoolOther: undefined, level: undefined, year: undefined, partySize: '3', role: undefined, sessionIds: ['s1', 's2'],
    })
  })

  it('a pupil gives school, level and year (not the party size field’s value); a professional school and role', () => {
    expect(registerFormInput(posted('PUPIL'))).toMatchObject({ schoolId: 'school1', schoolOther: 'x', level: 'HAVO', year: '4', partySize: undefined, role: undefined })
    expect(registerFormInput(posted('PROFESSIONAL'))).toMatchObject({ schoolId: 'school1', level: undefined, year: undefined, partySize: undefined, role: 'DECAAN' })
    // No (or an unknown) audience: none of them; the schema refuses the audience in words.
    expect(registerFormInput(posted(''))).toMatchObject({ audience: '', schoolId: undefined, partySize: undefined, level: undefined, role: undefined })
  })
})
