/**
 * Text that no layer below the API can carry: the NUL character (PostgreSQL text cannot store it and fails the
 * query as invalid UTF-8) and unpaired UTF-16 surrogates (not encodable as UTF-8). Every string of every request
 * — tRPC inputs (server/api/trpc.ts) and route handlers' parameters and bodies (server/api/route-handler.ts) — is
 * checked here before validation, so such input is a 400 with a translated message, never a 500.
 */
import { ZodRealError } from 'zod'

/** True for a string with a NUL or a lone surrogate. */
export function isUnsafeText(s: string): boolean {
  return s.includes('\u0000') || !s.isWellFormed()
}

/**
 * The path (e.g. ["rows", 2, "label"]) of the first string in `value` — a value or an object key, at any depth —
 * that is unsafe text, or null. Iterative, so a deeply nested input cannot overflow the stack; each node keeps a
 * link to its parent, so the walk stays linear and a path is built only for the string found.
 */
export function findUnsafeText(value: unknown): (string | number)[] | null {
  type Node = { v: unknown; key: string | number | null; parent: Node | null }
  const pathOf = (n: Node | null, last?: string | number) => {
    const path: (string | number)[] = last === undefined ? [] : [last]
    for (let at = n; at && at.key !== null; at = at.parent) path.push(at.key)
    return path.reverse()
  }
  const stack: Node[] = [{ v: value, key: null, parent: null }]
  const seen = new Set<object>()
  while (stack.length) {
    const node = stack.pop()!
    const v = node.v
    if (typeof v === 'string') {
      if (isUnsafeText(v)) return pathOf(node)
    } else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v)
      const entries: [unknown, unknown][] = v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v].map((x, i) => [i, x]) : Object.entries(v)
      for (const [k, child] of entries) {
        if (typeof k === 'string' && isUnsafeText(k)) return pathOf(node, '?') // the key itself is not echoed
        stack.push({ v: child, key: typeof k === 'number' ? k : Array.isArray(v) ? Number(k) : String(k), parent: node })
      }
    }
  }
  return null
}

/** Throws a ZodError (the Error subclass zod's own parse throws; → 400 with the field and the translated message "validation.unsafeText") for unsafe text. */
export function assertSafeText(value: unknown, basePath: (string | number)[] = []): void {
  const path = findUnsafeText(value)
  if (path) throw new ZodRealError([{ code: 'custom', path: [...basePath, ...path], message: 'v.unsafeText', input: undefined }])
}
