import { describe, expect, it } from 'vitest'
import { winAnsi } from './pdf-text.ts'

describe('winAnsi: text in the characters of the PDF’s built-in fonts', () => {
  it('keeps what WinAnsi has: Latin-1, € – — ’ “ ” • …, line breaks', () => {
    const s = 'Één € 1.234,56 – “café” • naïef… ’t ½\n×'
    expect(winAnsi(s)).toBe(s)
  })
  it('arrows and comparisons become their ASCII look-alikes', () => {
    expect(winAnsi('havo → mbo/ho')).toBe('havo -> mbo/ho')
    expect(winAnsi('≤5 / afgeschermd, ≥ 3')).toBe('<=5 / afgeschermd, >= 3')
    expect(winAnsi('−2 ‑ 3')).toBe('-2 - 3')
  })
  it('letters it lacks by their base letters; decomposed accents are composed first', () => {
    expect(winAnsi('Erdős ﬁets')).toBe('Erdos fiets')
    expect(winAnsi('e\u0301')).toBe('é')
  })
  it('anything else is one "?" per character as read; invisible marks go', () => {
    expect(winAnsi('Top 👍🏽!')).toBe('Top ?!')
    expect(winAnsi('a\u200bb\u202ec\ufe0f')).toBe('abc')
    expect(winAnsi('Łódź 中文')).toBe('Lódz ??')
  })
})
