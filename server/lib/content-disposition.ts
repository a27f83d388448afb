/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/**
 * A download's file name from a (translated) text: lower case, runs of anything but a–z, 0–9 and "-" become one "-",
 * at most `max` characters. The one rule for export names ("accountability-regio-twente-2025-2027").
 */
export function fileSlug(text: string, max = 80): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, max)
}
