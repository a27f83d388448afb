import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { parseTrustedProxies } from './lib/client-ip.ts'

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

/** A list separated by commas or spaces, lower-cased. */
const list = (item: z.ZodString) =>
  z
    .string()
    .default('')
    .transform((v) => v.toLowerCase().split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(item))

const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not an e-mail domain')
const origin = z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/, 'not an origin (https://school.example)')

/** See DATABASE_POOL_MAX. */
const DEFAULT_POOL_MAX = Math.min(2 * availableParallelism() + 1, 20)

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Set by Next.js itself (e.g. phase-production-build during `next build`). */
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: z.string().url().default('postgresql://postgres:postgres@127.0.0.1:54329/postgres'),
    /**
     * Connections per process pool. Default: 2 × this machine's cores + 1, at most 20 (PostgreSQL's rule of thumb for
     * a server on the same machine; 5 on 2 cores). On 2 cores ten busy backends spent 1.8–3.3 ms of PostgreSQL CPU per
     * booking in the booking rush against 1.3–1.6 ms for five (issue 17). Set it when the database runs on a machine
     * of its own.
     */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(DEFAULT_POOL_MAX),
    /**
     * A streaming read replica of DATABASE_URL (optional): public reads (public calendar, slot search, front door,
     * public event pages) and the ICS feeds read from it; everything signed-in and every write uses the primary.
     * Unreachable or lagging → those reads go to the primary (server/db/replica.ts).
     */
    DATABASE_REPLICA_URL: optionalUrl.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'not a PostgreSQL URL (postgresql://…)'),
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
    /** E-mail domains each identity provider may assert (its organisations' domains); required with the provider. */
    SURFCONEXT_EMAIL_DOMAINS: list(domain),
    ENTREE_EMAIL_DOMAINS: list(domain),
    /** Reverse proxies / load balancers in front of the app (IPs, CIDRs): the client IP is the right-most other hop. */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .superRefine((v, ctx) => {
        try {
          parseTrustedProxies(v)
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message })
        }
      }),
    /** Origins that may embed the public calendar and booking pages in a frame (CSP frame-ancestors); none by default. */
    EMBED_ALLOWED_ORIGINS: list(origin),
    /** Sign-in e-mails per address and per client IP, per hour (known and unknown addresses alike). */
    SIGNIN_MAIL_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(5),
    SIGNIN_MAIL_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
    APP_TIMEZONE: z.literal('Europe/Amsterdam').default('Europe/Amsterdam'),
    /** Transition figures: disclosure control "threshold,minPercent,maxPercent" (counts ≤ threshold hidden). */ TRANSITIONS_DISCLOSURE: z.string().regex(/^\d+,\d+,\d+$/).default('5,5,95'),
    /** Transition figures over several organisations: fewest contributing organisations, and the dominance share in percent. */
    TRANSITIONS_MIN_CONTRIBUTORS: z.coerce.number().int().min(1).max(20).default(3),
    TRANSITIONS_DOMINANCE: z.coerce.number().int().min(50).max(100).default(85),
    // public writes (bookings, registrations, confirmations, cancellations) per client IP per minute; reads 10×.
    // 60: a class of 30 behind its school's one address books and confirms in the same minute.
    SLOTS_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
    /** Bearer token for /api/metrics (Prometheus); unset → the endpoint answers 404. At least 16 characters. */
    METRICS_TOKEN: z.string().min(16).optional(),
  })
  .superRefine((env, ctx) => {
    for (const p of ['SURFCONEXT', 'ENTREE'] as const) {
      const set = [env[`${p}_ISSUER`], env[`${p}_CLIENT_ID`], env[`${p}_CLIENT_SECRET`]].filter(Boolean).length
      if (set !== 0 && set !== 3)
        ctx.addIssue({ code: 'custom', message: `${p}_ISSUER, ${p}_CLIENT_ID and ${p}_CLIENT_SECRET go together` })
      if (env[`${p}_ISSUER`] && env[`${p}_EMAIL_DOMAINS`].length === 0)
        ctx.addIssue({ code: 'custom', path: [`${p}_EMAIL_DOMAINS`], message: `${p}_EMAIL_DOMAINS is required with ${p}_ISSUER (the e-mail domains it may assert)` })
    }
    // Without AUTH_URL, Auth.js (trustHost) would build magic links from the request's Host header.
    // `next build` also runs with NODE_ENV=production but serves nobody: it needs no AUTH_URL.
    if (env.NODE_ENV === 'production' && !env.AUTH_URL && env.NEXT_PHASE !== 'phase-production-build')
      ctx.addIssue({ code: 'custom', path: ['AUTH_URL'], message: 'AUTH_URL is required in production (the public base URL of e-mail links)' })
  })

export type Env = z.infer<typeof schema>

/** Validates an environment (process.env at start-up; tests pass their own). Throws listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export const env = parseEnv(process.env)
