import { AppError, appErrorStatus } from '../lib/errors.ts'
import { attachment } from '../lib/content-disposition.ts'
import { logger } from '../lib/logger.ts'

/**
 * Runs a feed renderer and answers with text/calendar; AppErrors map to their status (a wrong or revoked token
 * is 404), anything else is a plain 500 without internals.
 */
export async function icsResponse(render: () => Promise<string>, filename: string): Promise<Response> {
  try {
    const body = await render()
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': attachment(filename, true),
        'cache-control': 'private, max-age=300',
      },
    })
  } catch (err) {
    if (err instanceof AppError) return new Response(err.code === 'NOT_FOUND' ? 'Not found' : err.code, { status: appErrorStatus[err.code] })
    logger.error({ err }, 'calendar: feed failed')
    return new Response('Internal error', { status: 500 })
  }
}
