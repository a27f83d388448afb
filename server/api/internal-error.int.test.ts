/**
 * The generic 500 path: an unexpected error inside a procedure (a programming error, a failed SQL statement on the
 * real PostgreSQL) answers 500 with the translated generic message in the request's language (NEXT_LOCALE cookie:
 * nl or en) and nothing of the internals — no stack, no SQL, no table name, no original message. The procedures
 * are built with the app's own `procedure`/`router` (its middlewares and error formatter) and served by tRPC's
 * fetch handler with the app's createContext, as /api/trpc does; the full error goes to the server log only.
 */
import { describe, expect, it, vi } from 'vitest'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createContext } from './context.ts'
import { procedure, router } from './trpc.ts'
import { translator } from '../i18n/translate.ts'
import { logger } from '../lib/logger.ts'

const SECRET = 'secret_internal_detail_4711'
const testRouter = router({
  thrown: procedure('public').query((): string => {
    throw new Error(`invariant broken: password=${SECRET} at /work/main/server/x.ts:12`)
  }),
  typeError: procedure('public').query(({ ctx }) => (ctx as unknown as { missing: { field: string } }).missing.field),
  badSql: procedure('public').mutation(async ({ ctx }) => ctx.db.$queryRawUnsafe(`SELECT "${SECRET}" FROM "${SECRET}_table" WHERE x = 1`)),
})

async function call(path: string, locale: 'nl' | 'en', method: 'GET' | 'POST' = 'GET') {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method,
    headers: { cookie: `NEXT_LOCALE=${locale}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
  })
  const res = await fetchRequestHandler({ endpoint: '/api/trpc', req, router: testRouter, createContext: () => createContext({ headers: req.headers }) })
  return { status: res.status, text: await res.text() }
}

describe('an unexpected error in a procedure is a translated 500 without internals', () => {
  it.each([
    ['thrown', 'GET'],
    ['typeError', 'GET'],
    ['badSql', 'POST'],
  ] as const)('%s', async (path, method) => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {})
    try {
      for (const locale of ['nl', 'en'] as const) {
        const { status, text } = await call(path, locale, method)
        expect(status).toBe(500)
        const body = JSON.parse(text) as { error: { json: { message: string; code: number; data: Record<string, unknown> } } }
        expect(body.error.json.message).toBe(translator(locale)('errors.generic'))
        expect(body.error.json.data).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path }) // key and issues undefined: left out (server/api/transformer.ts)
        for (const leak of [SECRET, 'stack', 'SELECT', 'password', '.ts:', 'at ', 'TypeError', 'Cannot read', 'prisma', 'Raw query', 'relation']) expect(text).not.toContain(leak)
      }
      expect(translator('nl')('errors.generic')).toBe('Er ging iets mis. Probeer het later opnieuw.')
      expect(translator('en')('errors.generic')).toBe('Something went wrong. Please try again later.')
      // The details are for the server log.
      expect(logged).toHaveBeenCalled()
    } finally {
      logged.mockRestore()
    }
  })
})
