import { AppError, appErrorStatus } from '../lib/errors.ts'
import { attachment } from '../lib/content-disposition.ts'
import { logger } from '../lib/logger.ts'
import { errorResponse } from '../api/error-response.ts'
import { cookieValue } from '../auth/session.ts'
import { LOCALE_COOKIE, pickLocale, type Locale } from '../i18n/config.ts'
import { ZFeedQuery } from './schema.ts'

/**
 * Runs a feed renderer and answers with text/calendar. The feed's language comes from the URL (`?lang=`, validated:
 * anything but a known language is a translated 400; absent: undefined, the renderer's default), since calendar
 * apps send no cookie. AppErrors map to their status (a wrong or revoked token is 404), anything else is a plain
 * 500 without internals.
 */
export async function icsResponse(req: Request, render: (lang: Locale | undefined) => Promise<string>, filename: string): Promise<Response> {
  const query = ZFeedQuery.safeParse({ lang: new URL(req.url).searchParams.get('lang') ?? undefined })
  if (!query.success) return errorResponse(query.error, pickLocale(cookieValue(req.headers.get('cookie'), LOCALE_COOKIE)))
  try {
    const body = await render(query.data.lang)
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
