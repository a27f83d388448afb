/**
 * A Unicode font for PDFs that print people's own words — a name on a certificate of attendance must come out as
 * written (Łukasz, Őrs, Yıldız, Ελένη, Дмитрий, عربي), which pdfkit's built-in Helvetica (WinAnsi: Latin-1 and a few
 * more, see ./pdf-text.ts) cannot. DejaVu Sans (npm `dejavu-fonts-ttf`, free licence) covers Latin with all its
 * extensions, Greek, Cyrillic, Hebrew and Arabic; pdfkit embeds only the glyphs a document uses (a subset of a few kB)
 * and shapes Arabic through fontkit. Known limit: pdfkit does no bidirectional reordering, so a line mixing Arabic
 * words with each other prints them in typed order (a single Arabic word, as in a name, comes out right).
 * Read from node_modules at run time (pdfkit is a server-external package; `next start` runs from the project root).
 */
import { join } from 'node:path'
import type PDFDocument from 'pdfkit'

const dir = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf')

/** Font names to pass to doc.font() after registerUnicodeFonts(doc). */
export const PDF_FONT = { regular: 'Unicode', bold: 'Unicode-Bold' } as const

/** Registers the Unicode regular and bold fonts on a document (doc.font(PDF_FONT.regular) then prints any name). */
export function registerUnicodeFonts(doc: InstanceType<typeof PDFDocument>): void {
  doc.registerFont(PDF_FONT.regular, join(dir, 'DejaVuSans.ttf'))
  doc.registerFont(PDF_FONT.bold, join(dir, 'DejaVuSans-Bold.ttf'))
}
