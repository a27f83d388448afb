/**
 * Stand-ins for Next's request APIs in unit tests of server actions and pages (a public form's action, its result
 * page): a cookie jar behind `cookies()`, and `redirect()` throwing what the test can read back. Use them from the
 * test's hoisted mocks, which import this module lazily:
 *
 *   vi.mock('next/headers', async () => (await import('@/server/test/next-stubs')).nextHeaders)
 *   vi.mock('next/navigation', async () => (await import('@/server/test/next-stubs')).nextNavigation)
 *
 * and read `jar` from the same module (one instance per test file). A deleted cookie stays in the jar, empty and
 * marked `deleted: true` with the options it was deleted with (name, path), as the response header would carry it.
 */
export type Jar = Map<string, { value: string; options: Record<string, unknown> }>
export const jar: Jar = new Map()

export const nextHeaders = {
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void jar.set(name, { value, options }),
    delete: (o: { name: string } & Record<string, unknown>) => void jar.set(o.name, { value: '', options: { ...o, deleted: true } }),
  }),
}

export const nextNavigation = {
  redirect: (to: string) => {
    throw Object.assign(new Error('NEXT_REDIRECT'), { to })
  },
}

/** A form as the browser posts it. */
export function formData(fields: Record<string, string>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}

/** Where the call redirected to (nextNavigation's redirect), null when it returned; another error is returned as it is. */
export async function redirectTarget(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return (e as { to?: string }).to ?? e
  }
  return null
}
