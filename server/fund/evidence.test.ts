import { describe, expect, it } from 'vitest'
import { MAX_FILENAME_LENGTH, safeFilename, sniffContentType } from './evidence.ts'
import { SAMPLE_PDF } from './factories.ts'

describe('fund evidence: type by content, safe names', () => {
  it('recognises PDF, PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffContentType(SAMPLE_PDF)).toBe('application/pdf')
    expect(sniffContentType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png')
    expect(sniffContentType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg')
    expect(sniffContentType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp')
  })
  it('refuses anything else, whatever its name would say', () => {
    for (const bytes of ['<html><script>', 'GIF89a', 'PK\u0003\u0004', 'RIFF0000WAVE', '%PD', ''].map((s) => Buffer.from(s))) expect(sniffContentType(bytes)).toBeNull()
  })
  it('keeps only the base name, without control or reserved characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd')
    expect(safeFilename('C:\\Users\\x\\factuur "mei".pdf')).toBe('factuur _mei_.pdf')
    expect(safeFilename('a\u0000b\nc.pdf')).toBe('a_b_c.pdf')
    expect(safeFilename('')).toBe('bestand')
  })
  it('cuts a long name without splitting an emoji (a lone surrogate cannot be stored)', () => {
    const name = safeFilename(`${'a'.repeat(149)}😀😀.pdf`)
    expect(name).toBe('a'.repeat(149))
    expect(name.isWellFormed()).toBe(true)
    expect(safeFilename(`${'a'.repeat(148)}😀😀.pdf`)).toBe(`${'a'.repeat(148)}😀`)
    expect(safeFilename('x'.repeat(400)).length).toBe(MAX_FILENAME_LENGTH)
  })
  it('drops bidi controls and other invisible format characters, so a name shows as what it is', () => {
    expect(safeFilename('😀\u202Egpj.exe.pdf')).toBe('😀gpj.exe.pdf')
    expect(safeFilename('\u2067factuur\u2069\u200B.pdf\uFEFF')).toBe('factuur.pdf')
    expect(safeFilename('\u202E\u200D')).toBe('bestand')
    expect(safeFilename('a\u0085b.pdf')).toBe('a_b.pdf') // a C1 control too
  })
})
