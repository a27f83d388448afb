/**
 * Transitions route handlers: the shared plumbing (server/api/route-handler.ts) plus the row errors of a rejected
 * import in the error body.
 */
import { withActor as baseWithActor, type ErrorDetail, type RouteContext } from '../api/route-handler.ts'
import { ImportRejected } from './import.ts'

export { jsonParam } from '../api/route-handler.ts'

const importErrors: ErrorDetail = (err, body, t) => {
  if (!(err instanceof ImportRejected)) return
  body.errorCount = err.errorCount
  body.errors = err.errors.map((e) => ({ line: e.line, column: e.column, message: t(e.key, { value: e.value ?? '', column: e.column }) }))
}

export function withActor(req: Request, fn: (ctx: RouteContext) => Promise<Response>): Promise<Response> {
  return baseWithActor(req, fn, importErrors)
}
