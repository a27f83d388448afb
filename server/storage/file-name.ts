/**
 * The name an uploaded file is stored and served under (Content-Disposition). The one place that decides it, for
 * every upload (fund evidence, grant documents): the name the browser sent is only a label, the type is what the
 * content check found, so the name is made to say that type — a PDF sent as "a\u202Efdp.exe" or "../../etc/passwd"
 * is stored as "afdp.pdf" and "passwd.pdf", never downloaded as an ".exe" or a file without an extension.
 */
import { stripFormatChars, truncateText } from '../lib/text.ts'

/** The content types a content check (magic bytes) can find, with their extensions; the first is the one added. */
export const TYPE_EXTENSIONS = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/webp': ['webp'],
} as const satisfies Record<string, readonly [string, ...string[]]>

export type SniffedType = keyof typeof TYPE_EXTENSIONS

/** Longest stored file name (characters), extension included. */
export const MAX_FILENAME_LENGTH = 150

/** The name when nothing of the sent one is left. */
const FALLBACK = 'bestand'

/**
 * Control characters (Cc: NUL, newlines, C1 controls) and invisible format characters (Cf, server/lib/text.ts: the
 * bidirectional controls that make "x\u202Egpj.exe" show as "xexe.jpg", zero-width spaces, the byte-order mark) are
 * dropped; characters Windows refuses in a name are replaced.
 */
const CONTROL = /\p{Cc}/gu
const RESERVED = /["<>|:*?]/g

/** What looks like an extension: a dot and 1–8 ASCII letters and digits with at least one letter (not "v1.2"). */
const EXTENSION = /\.(?=[a-z0-9]{0,7}[a-z])[a-z0-9]{1,8}$/i

/**
 * A file name safe to store and to send back: the last path segment, without control and format characters,
 * reserved characters replaced, with the extension of `type` — kept when the name has one of the type's extensions,
 * replacing any other extension, added when it has none — and cut to MAX_FILENAME_LENGTH on a character boundary
 * (never half an emoji) before the extension, so the extension always survives.
 */
export function storedFileName(sent: string, type: SniffedType): string {
  const base = stripFormatChars((sent.split(/[\\/]/).pop() ?? '').replace(CONTROL, '')).normalize('NFC').replace(RESERVED, '_')
  // Trailing dots and spaces: Windows drops them, so "x.exe." would become "x.exe".
  const name = base.trim().replace(/[.\s]+$/u, '')
  const found = EXTENSION.exec(name)
  const allowed: readonly string[] = TYPE_EXTENSIONS[type]
  const ext = found && allowed.includes(found[0].slice(1).toLowerCase()) ? found[0] : `.${TYPE_EXTENSIONS[type][0]}`
  const stem = (found ? name.slice(0, found.index) : name).trim()
  return `${truncateText(stem, MAX_FILENAME_LENGTH - ext.length).trim() || FALLBACK}${ext}`
}
