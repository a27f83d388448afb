/**
 * Test helper, run as its own OS process by the integration tests: books `count` pupils on a slot in parallel
 * (same code path as the public procedure) and prints the outcomes as JSON. Proves the capacity holds across
 * processes, each with its own connection pool.
 *   tsx server/slots/book-from-process.ts <slotId> <schoolId> <count> <tag>
 */
import { db } from '../db/client.ts'
import { bookSlot } from './booking.ts'

const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('')

const [slotId, schoolId, count, tag] = process.argv.slice(2)
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    // A name is letters only (schema.zPupilName); every pupil has a mailbox of their own domain (per-domain limit).
    bookSlot(db, null, { slotId: slotId!, name: `Leerling ${letters(i)}`, email: `pupil@${tag}-${i}.example.test`, schoolId: schoolId!, level: 'HAVO', year: 4, answers: {} }, { send: async () => {} }),
  ),
)
console.log(JSON.stringify(results.map((r) => r.status)))
await db.$disconnect()
