import 'server-only'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { createContext } from './context.ts'
import { createCaller } from './root.ts'

/** One context (session lookup, actor) per server render, shared by the helpers below. */
const getContext = cache(async () => createContext({ headers: await headers() }))
/**
 * tRPC caller for React Server Components: same procedures, same permission checks. A signed-out visitor on a
 * signed-in page is sent to the sign-in page (a redirect, not an error in the server log).
 */
export const getCaller = cache(async () =>
  createCaller(await getContext(), {
    onError: ({ error }) => {
      if (error.code === 'UNAUTHORIZED') redirect('/signin')
    },
  }),
)
/** The signed-in actor for server components and actions (null when signed out). */
export const getActor = cache(async () => (await getContext()).actor)
