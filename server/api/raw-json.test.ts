import { describe, expect, it } from 'vitest'
import { withRawJson } from './raw-json.ts'
import { jsonOutput, jsonText, jsonTextObject, writeParts } from './transformer.ts'

/** A response as tRPC's fetch handler writes it: the envelope around the serialized result, as one JSON string. */
const trpcResponse = (data: unknown) =>
  new Response(JSON.stringify({ result: { data: jsonOutput.serialize(data) } }), { status: 200, headers: { 'content-type': 'application/json', 'x-kept': 'yes' } })
const request = (headers: Record<string, string> = {}) => new Request('http://localhost/api/trpc/calendar.range', { headers })

const text = '[{"id":"e1","title":"Open dag \\"Zuid\\" – één","startsAt":"2027-03-01T08:00:00.000Z"},{"id":"e2","title":"Proefstuderen","startsAt":1804060800000}]'
const tags = { '*': { startsAt: 'D' } } as const
const expected = [
  { id: 'e1', title: 'Open dag "Zuid" – één', startsAt: new Date('2027-03-01T08:00:00.000Z') },
  { id: 'e2', title: 'Proefstuderen', startsAt: new Date(1804060800000) },
]

describe('JSON text spliced into the response (withRawJson)', () => {
  it('writes a jsonText value into the body as it is, not as an escaped string, and the client reads the same value', async () => {
    const res = await withRawJson(request(), async () => trpcResponse(jsonText(text, tags)))
    const body = await res.text()
    expect(body).toBe(`{"result":{"data":{"json":${text},"tags":[{"*":{"startsAt":"D"}}]}}}`)
    expect(jsonOutput.deserialize((JSON.parse(body) as { result: { data: unknown } }).result.data)).toStrictEqual(expected)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-kept')).toBe('yes')
  })

  it('splices every text of a batch and of a page written per key (writeParts → jsonTextObject)', async () => {
    const page = { totals: { cents: 1250, at: new Date(9) }, rows: [{ board: 'B', cents: 5 }], name: 'Regio' }
    const res = await withRawJson(request(), async () =>
      new Response(JSON.stringify([{ result: { data: jsonOutput.serialize(jsonText(text, tags)) } }, { result: { data: jsonOutput.serialize(jsonTextObject(writeParts(page))) } }]), {
        headers: { 'content-type': 'application/json' },
      }),
    )
    const body = await res.text()
    expect(body).not.toMatch(/raw-json-/)
    const [a, b] = JSON.parse(body) as { result: { data: unknown } }[]
    expect(jsonOutput.deserialize(a!.result.data)).toStrictEqual(expected)
    expect(jsonOutput.deserialize(b!.result.data)).toStrictEqual(page)
  })

  it('leaves a streamed response (trpc-accept: application/jsonl) and anything outside a request with the text as a JSON string', async () => {
    const streamed = await (await withRawJson(request({ 'trpc-accept': 'application/jsonl' }), async () => trpcResponse(jsonText(text, tags)))).text()
    const outside = JSON.stringify({ result: { data: jsonOutput.serialize(jsonText(text, tags)) } })
    for (const body of [streamed, outside]) {
      const data = (JSON.parse(body) as { result: { data: { json: unknown } } }).result.data
      expect(data.json).toBe(text)
      expect(jsonOutput.deserialize(data)).toStrictEqual(expected)
    }
  })

  it('replaces only its own placeholders: a look-alike in the data stays as it is', async () => {
    const res = await withRawJson(request(), async () => trpcResponse({ note: 'raw-json-000000000000000000000000-0', list: jsonText('[1,2]') }))
    expect(JSON.parse(await res.text())).toStrictEqual({ result: { data: { json: { note: 'raw-json-000000000000000000000000-0', list: [1, 2] }, tags: { list: [] } } } })
  })
})
