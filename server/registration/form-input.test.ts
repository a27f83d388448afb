import { describe, expect, it } from 'vitest'
import { refusalIssues, registerFormInput } from './form-input.ts'

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

describe('a refusal of the procedure as the issue of its field', () => {
  const pupil = registerFormInput(posted('PUPIL'))
  it('what the audience must still give marks that field, with the refusal’s own words', () => {
    expect(refusalIssues('registration.errors.schoolRequired', 'Kies een school.', pupil)).toEqual({ schoolId: 'Kies een school.' })
    expect(refusalIssues('registration.errors.roleRequired', 'Kies je functie.', pupil)).toEqual({ role: 'Kies je functie.' })
    expect(refusalIssues('registration.errors.partyTooLarge', 'Je kunt met maximaal 3 personen komen.', pupil)).toEqual({ partySize: 'Je kunt met maximaal 3 personen komen.' })
    expect(refusalIssues('registration.errors.partyNeverFits', 'x', pupil)).toEqual({ partySize: 'x' })
    expect(refusalIssues('registration.errors.sessionOverlap', 'y', pupil)).toEqual({ sessionIds: 'y' })
    expect(refusalIssues('slots.errors.levelNotInAudience', 'z', pupil)).toEqual({ level: 'z' })
  })
  it('"level and year" marks whichever was left empty; a refusal about no one field marks none', () => {
    const noYear = { ...pupil, year: '' }
    expect(refusalIssues('registration.errors.levelRequired', 'Vul niveau en leerjaar in.', noYear)).toEqual({ year: 'Vul niveau en leerjaar in.' })
    expect(refusalIssues('registration.errors.levelRequired', 'm', { ...noYear, level: undefined })).toEqual({ level: 'm', year: 'm' })
    expect(refusalIssues('registration.errors.duplicate', 'Al aangemeld.', pupil)).toEqual({})
    expect(refusalIssues(undefined, 'Er ging iets mis.', pupil)).toEqual({})
  })
})
