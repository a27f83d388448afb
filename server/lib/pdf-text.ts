/**
 * Text for the PDFs (the plan, the fund's settlement, an event's certificate of attendance), whose fonts are pdfkit's built-in Helvetica: a standard font with
 * the WinAnsi encoding (Latin-1 plus € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ). pdfkit writes any other
 * character as its UTF-16 code split over two bytes, so "havo → mbo/ho" printed "havo !’ mbo/ho" and "≤5" printed
 * '"d5', and a pupil named Yıldız or Łukasz got garbage on a certificate. Every text of these PDFs goes through `winAnsi`: a character WinAnsi has stays, a common one it lacks becomes
 * its ASCII look-alike (→ ->, ≤ <=), a letter WinAnsi lacks its compatibility decomposition's letters (ő o, ﬁ fi),
 * and anything else one "?" per character as the reader sees it (an emoji with its modifiers is one).
 */

import { graphemes } from './text.ts'

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

function encodable(c: string): boolean {
  const n = c.codePointAt(0)!
  return c === '\n' || (n >= 0x20 && n <= 0x7e) || (n >= 0xa0 && n <= 0xff) || WIN_ANSI_EXTRA.has(c)
}

/** Characters WinAnsi lacks that the plan's texts (catalogues, names, notes) may hold, by a look-alike it has. */
const LOOK_ALIKE: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≤': '<=',
  '≥': '>=',
  '≠': '<>',
  '≈': '~',
  '−': '-', // minus sign
  '‐': '-', // hyphen
  '‑': '-', // non-breaking hyphen
  '‒': '–', // figure dash
  '′': "'",
  '″': '"',
  '\u2007': '\u00a0', // figure space
  '\u202f': '\u00a0', // narrow no-break space (in some number formats)
  '\u2009': ' ', // thin space
  '\u2002': ' ',
  '\u2003': ' ',
  '✓': 'v',
  '✔': 'v',
  // Letters without a decomposition.
  'Ł': 'L',
  'ł': 'l',
  'Đ': 'D',
  'đ': 'd',
  'ı': 'i',
}

// Marks without a glyph of their own: format characters (zero-width joiner, bidirectional controls), combining
// marks left after NFC (an emoji's variation selector), control characters other than the line break.
const NO_GLYPH = /[\p{Cf}\p{Mn}]|(?!\n)\p{Cc}/gu

/** `s` in characters the PDF's WinAnsi fonts can show (see above). */
export function winAnsi(s: string): string {
  let out = ''
  for (const { segment } of graphemes.segment(s.normalize('NFC'))) {
    const base = segment.replace(NO_GLYPH, '')
    if ([...base].every(encodable)) out += base
    else if (LOOK_ALIKE[base] !== undefined) out += LOOK_ALIKE[base]
    else out += [...base.normalize('NFKD')].filter(encodable).join('') || '?'
  }
  return out
}
