/**
 * The tRPC HTTP endpoint: the fetch adapter with a batch limit and a body limit (the fetch adapter itself has no
 * body limit). A POST body must declare its length and is read through the byte limit before tRPC parses it;
 * too large → 413, no length → 400, a batch of more than MAX_TRPC_BATCH procedures → 400.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { appRouter } from './root.ts'
import { errorResponse } from './error-response.ts'
import type { Context } from './trpc.ts'
import { MAX_TRPC_BATCH, MAX_TRPC_BODY_BYTES, readBody } from '../lib/body.ts'

export async function handleTrpc(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  let request = req
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    try {
      const body = await readBody(req, MAX_TRPC_BODY_BYTES)
      request = new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal })
    } catch (err) {
      return errorResponse(err, (await createContext()).locale)
    }
  }
  return fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, createContext, maxBatchSize: MAX_TRPC_BATCH })
}
