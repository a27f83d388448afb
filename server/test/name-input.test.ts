import { describe, expect, it } from 'vitest'
import { zFilledText, zName } from '../lib/zod.ts'
import { zPupilName } from '../slots/schema.ts'

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message))

describe('names that must be filled in', () => {
  it('an empty or blank name is "required" and nothing else, like every other empty required field', () => {
    for (const schema of [zPupilName, zName, zFilledText])
      for (const empty of ['', '   ', '\t\n']) expect(messages(schema.safeParse(empty))).toEqual(['v.required'])
  })

  it('a filled name still gets its own checks', () => {
    expect(messages(zPupilName.safeParse('A'))).toEqual(['v.nameTooShort'])
    expect(messages(zPupilName.safeParse('Eva 2'))).toEqual(['k.slots.validation.pupilName'])
    expect(messages(zName.safeParse('x'.repeat(201)))).toEqual(['v.tooLong'])
    expect(zPupilName.parse('  Eva de Vries ')).toBe('Eva de Vries')
  })
})
