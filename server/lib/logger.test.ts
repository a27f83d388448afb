import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, withRequestId } from './logger.ts'
import { fromPrismaError, isDatabaseUnavailable } from './errors.ts'

function capture() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()))
      done()
    },
  })
  return { logger: createLogger(stream), lines }
}

describe('logger', () => {
  it('writes JSON with the request id of the surrounding request, across awaits', async () => {
    const { logger, lines } = capture()
    await withRequestId('req-12345678', async () => {
      await new Promise((r) => setTimeout(r, 1))
      logger.warn({ job: 'x' }, 'inside')
    })
    logger.warn('outside')
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'inside', requestId: 'req-12345678', job: 'x' })
    expect(lines[1]!.requestId).toBeUndefined()
  })

  it('redacts e-mail addresses in messages, fields and errors to their domain', () => {
    const { logger, lines } = capture()
    logger.warn({ to: 'sam.de.vries@school.nl', nested: { list: ['x pupil+1@mail.example.com y'] }, err: new Error('rejected a@b.nl') }, 'mail to jan@ex.nl failed')
    const text = JSON.stringify(lines[0])
    expect(text).not.toMatch(/sam\.de\.vries|pupil\+1|jan@|a@b/)
    expect(text).toContain('…@school.nl')
    expect(text).toContain('…@ex.nl')
  })

  it('writes Dates in fields as ISO text (the scrubber copied them as {})', () => {
    const { logger, lines } = capture()
    logger.warn({ nextAttemptAt: new Date('2026-12-01T02:35:54.735Z'), nested: { at: new Date(0) } }, 'retry')
    expect(lines[0]).toMatchObject({ nextAttemptAt: '2026-12-01T02:35:54.735Z', nested: { at: '1970-01-01T00:00:00.000Z' } })
  })

  it('writes of a Prisma error which call failed and why, never the arguments its message quotes', () => {
    const { logger, lines } = capture()
    const err = new Error(
      'Invalid `prisma.registrant.create()` invocation in\n/app/server/registration/register.ts:40:7\n\n  39 await tx.registrant.create({\n  data: {\n    firstName: "Sanne",\n    lastName: "de Boer",\n    birthDate: "2011-04-02"\n  }\n})\n\nArgument `schoolId` is missing.',
    )
    err.name = 'PrismaClientValidationError'
    logger.error({ err }, 'internal error')
    const text = JSON.stringify(lines[0])
    expect(text).not.toMatch(/Sanne|de Boer|2011-04-02/)
    expect(lines[0]!.err).toMatchObject({ type: 'PrismaClientValidationError', message: 'Invalid `prisma.registrant.create()` invocation in … Argument `schoolId` is missing.' })
    expect(String((lines[0]!.err as { stack: string }).stack)).toMatch(/^\s+at /)
  })
})

describe('database unavailable', () => {
  it('recognises a lost or refused connection (Prisma, adapter-pg, node-postgres) and maps it to a 503 AppError', () => {
    const refused = { code: 'P1001', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }
    const terminated = { code: 'P2010', meta: { driverAdapterError: { cause: { code: '57P01', kind: 'postgres' } } } }
    for (const e of [refused, terminated, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
      expect(isDatabaseUnavailable(e)).toBe(true)
      expect(fromPrismaError(e)?.code).toBe('UNAVAILABLE')
    }
    expect(isDatabaseUnavailable({ code: 'P2002' })).toBe(false)
    expect(isDatabaseUnavailable({ code: 'P2010', meta: { driverAdapterError: { cause: { code: '23505' } } } })).toBe(false)
    expect(fromPrismaError({ code: 'P2002' })?.code).toBe('CONFLICT')
  })
})
