import 'server-only'
import { headers } from 'next/headers'
import { cache } from 'react'
import { createContext } from './context.ts'
import { createCaller } from './root.ts'

/** tRPC caller for React Server Components: same procedures, same permission checks. */
export const getCaller = cache(async () => createCaller(await createContext({ headers: await headers() })))
/** The signed-in actor for server components and actions (null when signed out). */
export const getActor = cache(async () => (await createContext({ headers: await headers() })).actor)
