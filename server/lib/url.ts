import { env } from '../env.ts'

/** Absolute URL of a path on this deployment (for e-mails and feeds). */
export function publicUrl(path: string): string {
  const base = env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
  return new URL(path, base).toString()
}
