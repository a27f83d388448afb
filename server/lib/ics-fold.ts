/**
 * Line folding for iCalendar output (RFC 5545 3.1): a content line is at most 75 OCTETS, continued on lines that
 * start with one space. The `ics` package (3.12.0, its latest) folds by characters, so a Dutch title with
 * diacritics gave 81-octet lines; this refolds its output by UTF-8 octets and never splits a character.
 */
const MAX_OCTETS = 75
const encoder = new TextEncoder()

/** UTF-8 length of one code point. */
const octets = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4)

function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line
  const parts: string[] = []
  let current = ''
  let used = 0
  // The first line holds 75 octets; a continuation line holds the leading space and 74 octets.
  let limit = MAX_OCTETS
  for (const ch of line) {
    const n = octets(ch.codePointAt(0)!)
    if (used + n > limit) {
      parts.push(current)
      current = ''
      used = 0
      limit = MAX_OCTETS - 1
    }
    current += ch
    used += n
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/** Unfolds (CRLF + space/tab) and refolds every content line at 75 octets. */
export function foldIcs(text: string): string {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n')
}
