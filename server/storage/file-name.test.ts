import { describe, expect, it } from 'vitest'
import { MAX_FILENAME_LENGTH, storedFileName } from './file-name.ts'

describe('stored file names: safe, and saying the type the content check found', () => {
  it('keeps only the base name, without control or reserved characters', () => {
    expect(storedFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf')
    expect(storedFileName('C:\\Users\\x\\factuur "mei".pdf', 'application/pdf')).toBe('factuur _mei_.pdf')
    expect(storedFileName('a\u0000b\nc.pdf', 'application/pdf')).toBe('abc.pdf')
    expect(storedFileName('a\u0085b.pdf', 'application/pdf')).toBe('ab.pdf') // a C1 control too
    expect(storedFileName('', 'application/pdf')).toBe('bestand.pdf')
  })

  it('drops bidi controls and other invisible format characters, so a name shows as what it is', () => {
    expect(storedFileName('😀\u202Egpj.exe.pdf', 'application/pdf')).toBe('😀gpj.exe.pdf')
    expect(storedFileName('\u2067factuur\u2069\u200B.pdf\uFEFF', 'application/pdf')).toBe('factuur.pdf')
    expect(storedFileName('\u202E\u200D', 'image/png')).toBe('bestand.png')
  })

  it('gives the name the extension of the type found: a wrong one is replaced, a missing one added, a right one kept', () => {
    expect(storedFileName('a\u202Efdp.exe', 'application/pdf')).toBe('afdp.pdf')
    expect(storedFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf')
    expect(storedFileName('foto.png', 'image/jpeg')).toBe('foto.jpg')
    expect(storedFileName('foto.JPEG', 'image/jpeg')).toBe('foto.JPEG')
    expect(storedFileName('scan.Pdf', 'application/pdf')).toBe('scan.Pdf')
    expect(storedFileName('plaatje.webp', 'image/webp')).toBe('plaatje.webp')
    expect(storedFileName('factuur.pdf.exe', 'application/pdf')).toBe('factuur.pdf.pdf')
    expect(storedFileName('begroting v1.2', 'application/pdf')).toBe('begroting v1.2.pdf') // ".2" is no extension
    expect(storedFileName('x.exe. . ', 'image/png')).toBe('x.png') // Windows drops trailing dots and spaces
    expect(storedFileName('.pdf', 'application/pdf')).toBe('bestand.pdf')
  })

  it('cuts a long name before its extension, without splitting an emoji (a lone surrogate cannot be stored)', () => {
    const name = storedFileName(`${'a'.repeat(145)}😀😀.pdf`, 'application/pdf')
    expect(name).toBe(`${'a'.repeat(145)}.pdf`)
    expect(name.isWellFormed()).toBe(true)
    expect(storedFileName(`${'a'.repeat(144)}😀😀.pdf`, 'application/pdf')).toBe(`${'a'.repeat(144)}😀.pdf`)
    expect(storedFileName('x'.repeat(400), 'image/webp')).toBe(`${'x'.repeat(MAX_FILENAME_LENGTH - 5)}.webp`)
  })
})
