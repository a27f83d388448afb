import { Prisma } from './generated/client.ts'

/**
 * A `timestamp(3)` column holding UTC (or a `date`) as epoch milliseconds: how the hand-written statements carry
 * instants. Inside JSON it is a number the client revives as a Date (the transformer's tag 'D'); as a column
 * node-postgres reads the bigint as a string and the float8 (`float`) as a number — node-postgres would read a
 * `timestamp` column in the process's local time.
 */
export const epochMs = (column: string, type: 'bigint' | 'float' = 'bigint'): Prisma.Sql =>
  Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::${type === 'float' ? 'float8' : 'bigint'}`)
