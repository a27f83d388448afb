import { z } from 'zod'

/**
 * Environment, validated once at start-up. Anything the app reads from process.env goes through here.
 * OVERSTAP_DEMO_BUILD is not read here: it is inlined at build time by next.config.js (see server/auth/demo.ts).
 */
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional()


const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().url().default('postgresql://postgres:postgres@127.0.0.1:54329/postgres'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    AUTH_SECRET: z.string().min(32).optional(),
    AUTH_URL: optionalUrl,
    SMTP_URL: optionalUrl,
    EMAIL_FROM: z.string().default('Overstap <noreply@overstap.nl>'),
    /** Where mail goes when SMTP_URL is unset (demo only): a folder of .eml files, links printed to the log. */
    MAIL_OUTBOX_DIR: z.string().default('.data/outbox'),
    /** Uploaded files (fund evidence), outside the web root; see server/storage. */
    FILE_STORAGE_DIR: z.string().default('.data/files'),
    // Generic OpenID Connect: SURFconext (ho) and Kennisnet Entree Federatie (vo/mbo). All three or none.
    SURFCONEXT_ISSUER: optionalUrl,
    SURFCONEXT_CLIENT_ID: z.string().optional(),
    SURFCONEXT_CLIENT_SECRET: z.string().optional(),
    ENTREE_ISSUER: optionalUrl,
    ENTREE_CLIENT_ID: z.string().optional(),
    ENTREE_CLIENT_SECRET: z.string().optional(),
    APP_TIMEZONE: z.literal('Europe/Amsterdam').default('Europe/Amsterdam'),
    /** Transition figures: disclosure control "threshold,minPercent,maxPercent" (counts ≤ threshold hidden). */ TRANSITIONS_DISCLOSURE: z.string().regex(/^\d+,\d+,\d+$/).default('5,5,95'),
    SLOTS_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(20), // public slot bookings per client IP per minute
  })
  .superRefine((env, ctx) => {
    for (const p of ['SURFCONEXT', 'ENTREE'] as const) {
      const set = [env[`${p}_ISSUER`], env[`${p}_CLIENT_ID`], env[`${p}_CLIENT_SECRET`]].filter(Boolean).length
      if (set !== 0 && set !== 3)
        ctx.addIssue({ code: 'custom', message: `${p}_ISSUER, ${p}_CLIENT_ID and ${p}_CLIENT_SECRET go together` })
    }
  })

export type Env = z.infer<typeof schema>

function load(): Env {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export const env = load()
