/**
 * A path inside this app to send a browser to (a redirect after a form, a notification's link), or `fallback`.
 * The URL parser decides, as the browser will: `//host`, `/\host` (a backslash reads as a slash), tabs or newlines
 * inside `//` and absolute URLs all resolve to another origin and are refused. What is returned is the parsed path,
 * query and fragment, so the redirect says exactly what was checked.
 */
const BASE = 'http://local.invalid'

export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, BASE)
  } catch {
    return fallback
  }
  return url.origin === BASE ? url.pathname + url.search + url.hash : fallback
}
