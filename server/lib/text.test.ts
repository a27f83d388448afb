import { describe, expect, it } from 'vitest'
import { hasFormatChars, stripFormatChars, truncateText } from './text.ts'
import { zHttpUrl } from './zod.ts'

describe('truncateText: cuts user text without leaving half a character', () => {
  it('keeps text within the limit as it is', () => {
    expect(truncateText('', 5)).toBe('')
    expect(truncateText('abc', 3)).toBe('abc')
    expect(truncateText('a😀', 3)).toBe('a😀')
  })

  it('never leaves a lone surrogate where slice would (the emoji ending near the limit)', () => {
    const note = `${'a'.repeat(199)}😀${'b'.repeat(1800)}`
    expect(note.slice(0, 200).isWellFormed()).toBe(false) // what the old code stored
    const cut = truncateText(note, 200)
    expect(cut).toBe('a'.repeat(199))
    expect(cut.isWellFormed()).toBe(true)
    expect(truncateText(`${'a'.repeat(198)}😀😀`, 200)).toBe(`${'a'.repeat(198)}😀`)
    for (let max = 0; max <= 12; max++) {
      const s = truncateText('😀é😀👍🏽🇳🇱x', max)
      expect(s.isWellFormed()).toBe(true)
      expect(s.length).toBeLessThanOrEqual(max)
    }
  })

  it('cuts on grapheme boundaries: an emoji keeps its modifier, a flag both halves, a letter its accent', () => {
    expect(truncateText('ab👍🏽', 5)).toBe('ab') // 👍🏽 is 4 code units: all or nothing
    expect(truncateText('ab🇳🇱🇳🇱', 7)).toBe('ab🇳🇱')
    expect(truncateText('cafe\u0301s', 4)).toBe('caf')
    expect(truncateText('👨‍👩‍👧 gezin', 9)).toBe('👨‍👩‍👧 ')
  })

  it('cuts a single overlong grapheme on a code point boundary rather than returning nothing', () => {
    const zalgo = `a${'\u0301'.repeat(300)}`
    expect(truncateText(zalgo, 10)).toBe(zalgo.slice(0, 10))
    expect(truncateText('😀😀', 1)).toBe('')
    expect(truncateText('x', 0)).toBe('')
  })
})

describe('format characters (Cf): one definition', () => {
  it('finds and drops bidi controls, zero-width characters, the soft hyphen and the BOM, nothing else', () => {
    for (const c of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200E', '\u200F', '\u200B', '\u200D', '\u00AD', '\uFEFF']) {
      expect(hasFormatChars(`a${c}b`)).toBe(true)
      expect(stripFormatChars(`a${c}b`)).toBe('ab')
    }
    expect(hasFormatChars('gewone tekst met é, 😀 en spaties')).toBe(false)
    expect(stripFormatChars('😀\u202Egpj.exe.pdf')).toBe('😀gpj.exe.pdf')
  })

  it('web addresses refuse the same class (zHttpUrl)', () => {
    expect(zHttpUrl.safeParse('https://school.example/open-dag').success).toBe(true)
    for (const c of ['\u202E', '\u200B', '\u00AD', '\uFEFF', ' ', '\u0007']) expect(zHttpUrl.safeParse(`https://school.example/a${c}b`).success).toBe(false)
  })
})
