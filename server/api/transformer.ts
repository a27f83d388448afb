/**
 * The tRPC data transformer of the app, shared by the server (./trpc.ts), the browser client
 * (components/trpc/provider.tsx) and everything that reads responses over HTTP (tests, the bench).
 *
 * Input (requests): superjson, as before — forms send Dates and the existing request-crafting tests and
 * tools speak it (`{ json, meta }`).
 * Output (responses): a small JSON codec that knows the values JSON loses — Date, BigInt, undefined in an array,
 * NaN/±Infinity — and nothing else. A response is `{ json: <the value as JSON.stringify writes it>, tags?: <where
 * those values were> }`. Dates are written by JSON.stringify itself (Date#toJSON, ISO-8601) — the value is NOT
 * copied unless it holds a BigInt — and `tags` mirrors the value's shape only down to the tagged positions, so
 * the client's work is proportional to the number of Dates, not to the size of the response. superjson walks
 * every value through its plugin and reference-tracking machinery, copies it, and writes paths as strings: a
 * calendar month of 250 kB cost ≈ 7 ms to serialise with it against ≈ 2.5 ms here (JSON.stringify included).
 *
 * JSON text as it is (`jsonText`): a procedure whose database statement already writes the response's JSON (the calendar
 * views: ≈ 600 entries, 240 kB) returns that text wrapped by `jsonText`, tagged `[inner tags]`; the server neither
 * parses it nor re-encodes it. Served by /api/trpc (server/api/raw-json.ts) the text is spliced into the response
 * body as it is, so the client parses it once with the rest; elsewhere (Node 20 has no JSON.rawJSON) it travels as
 * one JSON string that the client parses a second time — `decode` takes either. A caller inside the server (tRPC's
 * createCaller: server components, tests) gets the parsed value instead, built on first use.
 * A tag object may hold the key `*` on an array: its tags apply to every element (`{ '*': { startsAt: 'D' } }`), and a
 * tagged Date may be written as epoch milliseconds as well as ISO text.
 *
 * What it refuses: Map, Set and RegExp (JSON would silently write `{}`), so a procedure that starts to return one
 * fails loudly in its tests. Object keys whose value is undefined are left out, as JSON does (`{ a: undefined }`
 * reads back as `{}`; `x.a === undefined` either way). Class instances other than Date are written like JSON
 * writes them (own enumerable fields, or their toJSON).
 */
import superjson from 'superjson'

/** D Date, B BigInt (as a decimal string), u undefined (array element), N NaN, I Infinity, i -Infinity. */
type Tag = 'D' | 'B' | 'u' | 'N' | 'I' | 'i'
/**
 * Where tagged values are: a tag for the value itself, per key/index of an object/array the tags inside it (`*` on an
 * array: every element), or `[inner?]`: the value is JSON text, to be parsed, with `inner` the tags of what it holds.
 */
export type Tags = Tag | { [key: string]: Tags } | [] | [Tags]

export type WireOutput = { json: unknown; tags?: Tags }

/** The values made by `jsonText`: their JSON text and its tags. */
const texts = new WeakMap<object, { text: string; tags: Tags | undefined }>()

/**
 * Where a `jsonText`'s text goes when a response is written: a function that keeps the text and gives the string to
 * write in its place (a placeholder the response handler replaces by the text), or undefined (the text is written as
 * a JSON string). Set by the server's handler (server/api/raw-json.ts); this module is shared with the browser.
 */
let rawSink: () => ((text: string) => string) | undefined = () => undefined
export function setRawJsonSink(sink: () => ((text: string) => string) | undefined) {
  rawSink = sink
}

/**
 * A value whose JSON is already written (e.g. built by the database statement), typed as the value it holds. Over
 * HTTP the text is sent as it is (see above); read inside the server, the value is parsed (and its tagged values
 * revived) the first time it is touched — it behaves as the array or object the text holds. `tags` says where the
 * text holds values JSON cannot (Dates as epoch ms or ISO text), as in a response.
 */
export function jsonText<T extends object>(text: string, tags?: Tags): T {
  const target: object = text.trimStart().startsWith('[') ? [] : {}
  let parsed = false
  const parse = () => {
    if (parsed) return
    const value = decode(JSON.parse(text), tags ?? {}) as object
    parsed = true
    if (Array.isArray(target)) {
      if (!Array.isArray(value)) throw new TypeError('jsonText: the text is not the array it starts as')
      for (const item of value) target.push(item)
    } else Object.assign(target, value)
  }
  // Every trap parses first, then acts on the filled target: inside the server the value is the plain one. Reading a
  // property the text cannot hold does not parse — a symbol (JSON has none), on an array anything but its length and
  // indices (e.g. `then`, which every promise resolution looks up, and the iterator checks of tRPC's response), on an
  // object `then` when the text has no such key (no "then" in it, and no \u escape that could spell one): tRPC's
  // response looks it up on every result, which made the server parse each page it then sent as text.
  const thenless = !Array.isArray(target) && !text.includes('"then"') && !text.includes('\\u')
  const free = (prop: unknown) =>
    typeof prop === 'symbol' || (Array.isArray(target) ? prop !== 'length' && !/^(?:0|[1-9]\d*)$/.test(String(prop)) : thenless && prop === 'then')
  const handler: Record<string, (...args: unknown[]) => unknown> = {}
  for (const trap of ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'preventExtensions', 'isExtensible'] as const) {
    handler[trap] = (...args: unknown[]) => {
      if (!((trap === 'get' || trap === 'has') && free(args[1]))) parse()
      return (Reflect[trap] as (...a: unknown[]) => unknown)(...args)
    }
  }
  const value = new Proxy(target, handler as ProxyHandler<object>)
  texts.set(value, { text, tags })
  return value as T
}

/** An object's JSON as a response writes it, with where each key's value is in the text (see `jsonTextObject`). */
export type TextParts = { text: string; parts: [key: string, start: number, end: number][]; tags: Tags | undefined }

/** Writes an object for `jsonTextObject`: its JSON (Dates as ISO text, tagged) and the extent of each key's value. */
export function writeParts(value: object): TextParts {
  const { json, tags } = jsonOutput.serialize(value)
  let text = '{'
  const parts: TextParts['parts'] = []
  for (const [key, v] of Object.entries(json as Record<string, unknown>)) {
    const written = JSON.stringify(v) as string | undefined
    if (written === undefined) continue // undefined, as JSON leaves it out
    text += `${parts.length ? ',' : ''}${JSON.stringify(key)}:`
    parts.push([key, text.length, text.length + written.length])
    text += written
  }
  return { text: `${text}}`, parts, tags }
}

/**
 * The object `writeParts` wrote, as a plain object whose object and array values are `jsonText` (sent as they are,
 * parsed on first use inside the server) and whose other values are read at once. Not one `jsonText` for the whole
 * object: tRPC looks at every value of a procedure's result (is it a stream?), which would parse it on every call.
 */
export function jsonTextObject<T extends object>({ text, parts, tags }: TextParts): T {
  const inner = (typeof tags === 'object' && !Array.isArray(tags) ? tags : {}) as Record<string, Tags>
  const out: Record<string, unknown> = {}
  for (const [key, start, end] of parts) {
    const first = text.charCodeAt(start)
    out[key] = first === 0x7b || first === 0x5b ? jsonText(text.slice(start, end), inner[key]) : decode(JSON.parse(text.slice(start, end)), inner[key] ?? {})
  }
  return out as T
}

function tagOf(v: unknown): Tag | null {
  if (v instanceof Date) return 'D'
  switch (typeof v) {
    case 'bigint':
      return 'B'
    case 'number':
      return Number.isFinite(v) ? null : Number.isNaN(v) ? 'N' : v > 0 ? 'I' : 'i'
    default:
      return null
  }
}

/**
 * Walks a value: returns its JSON form (the same object when nothing in it must be replaced — only a BigInt is)
 * and the tags inside it (undefined when none).
 */
function encode(v: unknown, inArray: boolean): { json: unknown; tags: Tags | undefined } {
  if (v === null || typeof v !== 'object') {
    if (v === undefined) return { json: v, tags: inArray ? 'u' : undefined }
    const tag = tagOf(v)
    if (tag === 'B') return { json: String(v), tags: 'B' }
    return { json: v, tags: tag ?? undefined }
  }
  if (v instanceof Date) return { json: v, tags: 'D' }
  const written = texts.get(v)
  if (written) return { json: rawSink()?.(written.text) ?? written.text, tags: written.tags === undefined ? [] : [written.tags] }
  if (v instanceof Map || v instanceof Set || v instanceof RegExp) throw new TypeError(`tRPC output cannot carry a ${v.constructor.name}: return an array or a plain object`)
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return { json: v, tags: undefined }
  let tags: { [key: string]: Tags } | undefined
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i]
      // fast path: strings, finite numbers, booleans, null
      if (item === null || (typeof item !== 'object' && typeof item !== 'bigint' && item !== undefined && (typeof item !== 'number' || Number.isFinite(item)))) continue
      const r = encode(item, true)
      if (r.tags !== undefined) (tags ??= {})[i] = r.tags
      if (r.json !== item) (copy ??= v.slice())[i] = r.json
    }
    return { json: copy ?? v, tags }
  }
  let copy: Record<string, unknown> | undefined
  for (const key in v) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) continue
    const item = (v as Record<string, unknown>)[key]
    if (item === null || item === undefined || (typeof item !== 'object' && typeof item !== 'bigint' && (typeof item !== 'number' || Number.isFinite(item)))) continue
    const r = encode(item, false)
    if (r.tags !== undefined) (tags ??= {})[key] = r.tags
    if (r.json !== item) (copy ??= { ...(v as Record<string, unknown>) })[key] = r.json
  }
  return { json: copy ?? v, tags }
}

function revive(value: unknown, tag: Tag): unknown {
  switch (tag) {
    case 'D':
      return new Date(value === null ? Number.NaN : (value as string)) // an invalid Date is written as null
    case 'B':
      return BigInt(value as string)
    case 'u':
      return undefined
    case 'N':
      return Number.NaN
    case 'I':
      return Number.POSITIVE_INFINITY
    case 'i':
      return Number.NEGATIVE_INFINITY
  }
}

/** Puts the tagged values back, in place (the value is freshly parsed JSON). */
function decode(value: unknown, tags: Tags): unknown {
  if (typeof tags === 'string') return revive(value, tags)
  if (Array.isArray(tags)) {
    // JSON text: spliced into the response as it is (already parsed with it), or sent as a JSON string.
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
    return tags.length ? decode(parsed, tags[0]) : parsed
  }
  const node = value as Record<string, unknown>
  if (Array.isArray(node) && tags['*'] !== undefined) {
    const each = tags['*']
    for (let i = 0; i < node.length; i++) node[i] = decode(node[i], each)
  }
  for (const key in tags) if (!(key === '*' && Array.isArray(node))) node[key] = decode(node[key], tags[key]!)
  return value
}

/** The response side: values → `{ json, tags? }` and back. */
export const jsonOutput = {
  serialize(value: unknown): WireOutput {
    const { json, tags } = encode(value, false)
    return tags === undefined ? { json } : { json, tags }
  },
  deserialize(wire: unknown): unknown {
    const { json, tags } = (wire ?? {}) as WireOutput
    return tags === undefined ? json : decode(json, tags)
  },
}

/** The app's transformer: requests in superjson, responses in the JSON codec above. */
export const transformer = { input: superjson, output: jsonOutput }

/** A request input as the app's client sends it (for tests and tools that build requests by hand). */
export const serializeInput = (input: unknown) => superjson.serialize(input)
