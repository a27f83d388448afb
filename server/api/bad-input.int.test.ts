/**
 * Malformed input to EVERY tRPC procedure, enumerated from the app router (not listed by hand), over the real
 * request path: the HTTP handler of /api/trpc (body limit, batch limit, the fetch adapter, the transformer (server/api/transformer.ts), the
 * middlewares, zod, the services) on the real PostgreSQL. Each procedure gets, from every seeded role that holds
 * its permission (and anonymously when public): NUL and lone surrogates in every string of an input shaped after
 * its schema, huge strings, out-of-range numbers, wrong types, no input, invalid JSON. Any 5xx fails the test.
 * The transport limits (batch size, body size, declared length) are checked at the end.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { serializeInput } from './transformer.ts'
import type { z } from 'zod'
import { appRouter } from './root.ts'
import { handleTrpc } from './trpc-handler.ts'
import type { Context } from './trpc.ts'
import { db, randomTestIp, TEST_FILE_IP } from '../test/helpers.ts'
import { loadActor } from '../auth/actor.ts'
import { holdsAction, type Action, type Actor } from '../auth/policy.ts'
import { buildTwoRegionWorld } from '../db/factories.ts'
import { MAX_TRPC_BATCH, MAX_TRPC_BODY_BYTES } from '../lib/body.ts'

type Proc = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[]; meta?: { permission?: string } } }
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>)

type Leaf = { string: string; number: number }

/** A value shaped after a zod schema (objects with all keys, one array element, the first enum option…) with the given leaves. */
function shaped(schema: z.ZodType | undefined, leaf: Leaf, depth = 0): unknown {
  if (!schema || depth > 12) return leaf.string
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  const inner = (k: string) => shaped(def[k] as z.ZodType, leaf, depth + 1)
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, shaped(v, leaf, depth + 1)]))
    }
    case 'string':
      return leaf.string
    case 'number':
    case 'int':
    case 'bigint':
      return leaf.number
    case 'boolean':
      return true
    case 'date':
      return new Date('2026-01-01T00:00:00Z')
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0]
    case 'literal':
      return (def.values as unknown[])[0]
    case 'array':
      return [inner('element')]
    case 'record':
      return { [leaf.string]: inner('valueType') }
    case 'tuple':
      return (def.items as z.ZodType[]).map((s) => shaped(s, leaf, depth + 1))
    case 'union':
      return shaped((def.options as z.ZodType[])[0], leaf, depth + 1)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner('innerType')
    case 'pipe':
      return inner('in')
    case 'lazy':
      return shaped((def.getter as () => z.ZodType)(), leaf, depth + 1)
    default:
      return leaf.string
  }
}

const NUL = 'a\u0000b'
const LONE = 'a\ud800b'
const HUGE = 'x'.repeat(200_000)
const leaves: [string, Leaf][] = [
  ['NUL in every string', { string: NUL, number: 1 }],
  ['lone surrogate in every string', { string: LONE, number: 1 }],
  ['lone low surrogate in every string', { string: '\udc00', number: 1 }],
  ['huge strings', { string: HUGE, number: 1 }],
  ['numbers beyond int4', { string: 'x', number: 1e12 }],
  ['negative numbers', { string: 'x', number: -2_147_483_649 }],
  ['fractions', { string: 'x', number: 0.5 }],
]
const wrongTypes: [string, unknown][] = [
  ['a number instead of the input', 42],
  ['a string instead of the input', NUL],
  ['an array instead of the input', [NUL]],
  ['null', null],
  ['an object with a NUL key', { ['k\u0000']: 1 }],
]

const base = 'http://localhost/api/trpc'

function request(path: string, type: 'query' | 'mutation', input: unknown, raw?: string): Request {
  const json = raw ?? JSON.stringify(serializeInput(input))
  if (type === 'query') return new Request(input === undefined && raw === undefined ? `${base}/${path}` : `${base}/${path}?input=${encodeURIComponent(json)}`)
  const body = input === undefined && raw === undefined ? '' : json
  return new Request(`${base}/${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } })
}

let actors: [string, Actor | null][] = []
const ctxFor = (actor: Actor | null) => async (): Promise<Context> => ({ db, actor, locale: 'nl', ip: TEST_FILE_IP })

beforeAll(async () => {
  const w = await buildTwoRegionWorld(db)
  const load = async (id: string) => (await loadActor(db, id))!
  actors = [
    ['anonymous', null],
    ['admin', await load(w.admin.id)],
    ['coordinator', await load(w.a.coordinator.id)],
    ['board reporter', await load(w.a.boardReporter.id)],
    ['staff', await load(w.a.staff.id)],
    ['publisher', await load(w.a.publisher.id)],
  ]
})

const counted = { requests: 0, byStatus: new Map<number, number>() }

describe('malformed input to every tRPC procedure is a 4xx, never a 5xx', () => {
  it('finds the procedures of the app router', () => expect(procedures.length).toBeGreaterThan(80))

  it.each(procedures.map(([path, p]) => [path, p] as const))('%s', { timeout: 300_000 }, async (path, p) => {
    const type = p._def.type === 'mutation' ? 'mutation' : 'query'
    const permission = p._def.meta?.permission
    const callers = actors.filter(([, a]) => (permission === 'public' ? true : a !== null && (permission === 'authenticated' || holdsAction(a, permission as Action))))
    const schema = p._def.inputs[0]
    const failures: string[] = []
    for (const [who, actor] of callers) {
      const cases: [string, Request][] = [
        ...leaves.map(([name, leaf]) => [name, request(path, type, shaped(schema, leaf))] as [string, Request]),
        ...wrongTypes.map(([name, value]) => [name, request(path, type, value)] as [string, Request]),
        ['no input', request(path, type, undefined)],
        ['invalid JSON', request(path, type, undefined, '{"json": {')],
      ]
      for (const [name, req] of cases) {
        const res = await handleTrpc(req, ctxFor(actor))
        counted.requests += 1
        counted.byStatus.set(res.status, (counted.byStatus.get(res.status) ?? 0) + 1)
        if (res.status >= 500) failures.push(`${who}, ${name}: ${res.status} ${(await res.text()).slice(0, 200)}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('refuses NUL before validation with the field and a translated message (400)', async () => {
    const res = await handleTrpc(request('region.bySlug', 'query', { slug: 'a\u0000b' }), ctxFor(null))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { json: { message: string; data: { issues: { path: string; message: string }[] } } } }
    expect(body.error.json.message).toBe('Controleer de ingevulde gegevens.')
    expect(body.error.json.data.issues).toEqual([{ path: 'slug', message: 'Deze tekst bevat een ongeldig teken (zoals een nul-teken). Haal het weg en probeer het opnieuw.' }])
  })

  it(`refuses a batch of more than ${MAX_TRPC_BATCH} procedures (400) and accepts one of ${MAX_TRPC_BATCH}`, async () => {
    const batch = (n: number) => new Request(`${base}/${Array(n).fill('region.bySlug').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { slug: 'geen-regio' } }]))))}`)
    expect((await handleTrpc(batch(MAX_TRPC_BATCH + 1), ctxFor(null))).status).toBe(400)
    const full = await handleTrpc(batch(MAX_TRPC_BATCH), ctxFor(null))
    expect(full.status).not.toBe(400) // each call answered (here: 404, no such region)
    expect((await full.json()) as unknown[]).toHaveLength(MAX_TRPC_BATCH)
  })

  it('refuses a body over the limit (413, declared or not) and a body without a declared length (400)', async () => {
    const big = JSON.stringify({ json: { slug: 'x'.repeat(MAX_TRPC_BODY_BYTES) } })
    const declared = await handleTrpc(new Request(`${base}/region.create`, { method: 'POST', body: big, headers: { 'content-length': String(big.length) } }), ctxFor(null))
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { error: string }).error).toBe('Het verzoek is te groot (hoogstens 1024 kB).')
    const understated = await handleTrpc(new Request(`${base}/region.create`, { method: 'POST', body: big, headers: { 'content-length': '10' } }), ctxFor(null))
    expect(understated.status).toBe(413)
    const unknown = await handleTrpc(new Request(`${base}/region.create`, { method: 'POST', body: '{}' }), ctxFor(null))
    expect(unknown.status).toBe(400)
  })

  it("reads a JSON body the same way for every spelling of its media type (the read body passed on, or a Request) and answers another type with 415", async () => {
    const post = (type: string) => {
      const body = JSON.stringify(serializeInput({ token: 'é–😀' }))
      return new Request(`${base}/slots.confirmBooking`, { method: 'POST', body, headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) } })
    }
    // Its own client address: the cases above used up this file's public write points.
    const ip = randomTestIp()
    const ctx = async (): Promise<Context> => ({ db, actor: null, locale: 'nl', ip })
    const plain = await handleTrpc(post('application/json'), ctx)
    // The procedure read the input: its validation names the field (the same answer for every JSON spelling).
    const expected = { status: plain.status, body: await plain.text() }
    expect(expected.status).toBe(400)
    expect(expected.body).toContain('"path":"token"')
    for (const type of ['Application/JSON; charset=utf-8', 'application/json;charset=UTF-8']) {
      const res = await handleTrpc(post(type), ctx)
      expect({ status: res.status, body: await res.text() }).toEqual(expected)
    }
    // Nor form data or an octet stream (which a page of another site could send without a preflight): 415, translated.
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const res = await handleTrpc(post(type), ctx)
      expect(res.status).toBe(415)
      expect(await res.text()).toContain('Dit verzoek moet als JSON (application/json) worden verstuurd.')
    }
  })

  it('counts what was sent', () => {
    console.log(`[bad-input] ${counted.requests} malformed requests to ${procedures.length} procedures; statuses: ${[...counted.byStatus].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`)
    expect(counted.requests).toBeGreaterThan(procedures.length * 10)
  })
})
