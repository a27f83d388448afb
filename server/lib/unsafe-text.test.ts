import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { assertSafeText, findUnsafeText, isUnsafeText } from './unsafe-text.ts'

describe('unsafe text (NUL, lone surrogates)', () => {
  it('accepts ordinary text, diacritics and paired surrogates (emoji)', () => {
    for (const s of ['', 'Open dag', 'Oriëntatie – “havo”', '👩‍🎓 proefstuderen', '\t\n']) expect(isUnsafeText(s)).toBe(false)
  })

  it('refuses NUL and unpaired surrogates', () => {
    for (const s of ['a\u0000b', '\u0000', 'x\ud800', '\udc00y', '\ud83d', 'ok\udfffok']) expect(isUnsafeText(s)).toBe(true)
  })

  it('finds the path of the first unsafe string at any depth, in values and keys', () => {
    expect(findUnsafeText({ a: 'ok', b: [1, 'fine', { c: 'x\u0000' }] })).toEqual(['b', 2, 'c'])
    expect(findUnsafeText({ ['k\ud800']: 1 })).toEqual(['?'])
    expect(findUnsafeText(new Map([['m', 'v\udc00']]))).toEqual(['m'])
    expect(findUnsafeText({ a: [null, undefined, 3, true, new Date()] })).toBeNull()
  })

  it('walks a deeply nested input without overflowing the stack', () => {
    let deep: unknown = 'x\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findUnsafeText(deep)).toHaveLength(100_000)
  })

  it('throws a ZodError carrying the path and the translation key', () => {
    let thrown: unknown
    try {
      assertSafeText({ label: 'a\u0000' }, ['form'])
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(ZodError)
    expect((thrown as ZodError).issues[0]).toMatchObject({ path: ['form', 'label'], message: 'v.unsafeText' })
  })
})
