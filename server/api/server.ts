import 'server-only'
import { headers } from 'next/headers'
import { cache } from 'react'
import { createContext } from './context.ts'
import { createCaller } from './root.ts'

/** One context (session lookup, actor) per server render, shared by the helpers below. */
const getContext = cache(async () => createContext({ headers: await headers() }))
/** tRPC caller for React Server Components: same procedures, same permission checks. */
export const getCaller = cache(async () => createCaller(await getContext()))
/** The signed-in actor for server components and actions (null when signed out). */
export const getActor = cache(async () => (await getContext()).actor)
