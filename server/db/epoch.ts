import { Prisma } from './generated/client.ts'

/**
 * A `timestamp(3)` column holding UTC (or a `date`) as epoch milliseconds: how the hand-written statements carry
 * instants. Inside JSON it is a number the client revives as a Date (the transformer's tag 'D'); as a column
 * node-postgres reads the bigint as a string and the float8 (`float`) as a number — node-postgres would read a
 * `timestamp` column in the process's local time. `date_part` (float8) rather than `extract` (numeric since
 * PostgreSQL 14: arbitrary-precision arithmetic per value), rounded to the millisecond the column holds: the same
 * numbers; ≈ 0.5 ms less per calendar month of the national set's largest region (≈ 2,400 instants) timed on the
 * statement alone, within the spread of the calendar bench's end-to-end figures.
 */
export const epochMs = (column: string, type: 'bigint' | 'float' = 'bigint'): Prisma.Sql =>
  Prisma.raw(`round(date_part('epoch', ${column}) * 1000)::${type === 'float' ? 'float8' : 'bigint'}`)
