/**
 * Cutting and cleaning user text. `s.slice(0, n)` counts UTF-16 code units, so it can cut an emoji (a surrogate
 * pair) in half; the lone half is not UTF-8 and PostgreSQL refuses the whole write (a 500 on every retry). Server
 * code that shortens text a user typed or uploaded uses `truncateText`.
 */

/** Grapheme clusters (user-perceived characters), for code that walks text a user typed. */
export const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * `s` cut to at most `max` UTF-16 code units (so to at most `max` characters for a database column too), on a
 * grapheme boundary: never half a surrogate pair, an emoji without its modifier or a letter without its accent.
 * When not even the first grapheme fits (e.g. one letter with hundreds of combining marks), it is cut on a
 * code-point boundary instead, so non-empty text stays non-empty.
 */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s
  if (max <= 0) return ''
  let end = 0
  // The segmenter's iterator is lazy: only the kept part of a long text is segmented.
  for (const { index, segment } of graphemes.segment(s)) {
    if (index + segment.length > max) break
    end = index + segment.length
  }
  if (end > 0) return s.slice(0, end)
  // No whole grapheme fits: whole code points (a high surrogate at the cut goes with its pair).
  const code = s.charCodeAt(max - 1)
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}

/**
 * Invisible format characters (Unicode category Cf): the bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F) that make "😀\u202Egpj.exe.pdf" show as "😀fdp.exe.jpg", zero-width spaces and joiners, the soft
 * hyphen, the byte-order mark. The one definition of that class: web addresses refuse it (zod.ts), file names drop it.
 */
const FORMAT_CHARS = String.raw`\p{Cf}`
const FORMAT_CHAR = new RegExp(FORMAT_CHARS, 'u')
const FORMAT_CHAR_ALL = new RegExp(FORMAT_CHARS, 'gu')

/** True when `s` holds an invisible format character (see FORMAT_CHARS). */
export function hasFormatChars(s: string): boolean {
  return FORMAT_CHAR.test(s)
}

/** `s` without its invisible format characters (see FORMAT_CHARS). */
export function stripFormatChars(s: string): string {
  return s.replace(FORMAT_CHAR_ALL, '')
}
