/**
 * The certificate of attendance prints a person's name as written, in Dutch and English: its text is set in an
 * embedded Unicode font (DejaVu Sans), whose ToUnicode map says which characters the PDF shows — Łukasz, Őrs,
 * Yıldız, Ελένη, Дмитрий and an Arabic name, where Helvetica's WinAnsi printed "Lukasz Ors Yildiz ????? ???????".
 */
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { renderCertificate } from './certificate.ts'

/** The characters a PDF's ToUnicode maps name (pdfkit writes them as <glyph> <UTF-16BE hex> pairs). */
function mappedCharacters(pdf: Buffer): string {
  const text = pdf.toString('latin1')
  let out = ''
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length
    const end = text.indexOf('endstream', start)
    let data: string
    try {
      data = inflateSync(pdf.subarray(start, end)).toString('latin1')
    } catch {
      continue
    }
    if (!data.includes('beginbfrange') && !data.includes('beginbfchar')) continue
    // bfrange entries with a list of targets ([<0043> <0065> <0066 0069>…]); a target may be several code units.
    for (const [, list] of data.matchAll(/\[([^\]]*)\]/g))
      for (const [, hex] of list!.matchAll(/<([0-9a-fA-F ]+)>/g)) out += String.fromCharCode(...hex!.replaceAll(' ', '').match(/.{4}/g)!.map((h) => parseInt(h, 16)))
  }
  return out
}

const data = {
  name: 'Łukasz Őrs-Yıldız Ελένη Дмитрий سارة',
  role: null,
  school: 'Ñandú College',
  event: { title: 'Open dag — Techniek & Zorg', organisers: [{ organisation: { name: 'ROC Ølst' } }] },
  sessions: [{ title: 'Rondleiding', startsAt: new Date('2026-03-12T09:00:00Z'), endsAt: new Date('2026-03-12T11:30:00Z') }],
  hours: 2.5,
}

describe('certificate of attendance', () => {
  it.each(['nl', 'en'] as const)('prints the name, school and organiser as written (%s)', async (locale) => {
    const pdf = await renderCertificate(data, locale)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/)
    const shown = new Set(mappedCharacters(pdf))
    for (const c of 'ŁŐıΕλένηДмитрийسارةÑØ—') expect(shown.has(c), c).toBe(true)
  })
})
