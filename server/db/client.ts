import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/client.ts'
import { env } from '../env.ts'

export type Db = InstanceType<typeof PrismaClient>
export type { Prisma } from './generated/client.ts'

function create(): Db {
  // No native query engine: Prisma 6.19 "client" engine over node-postgres (see README "Offline toolchain").
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX, connectionTimeoutMillis: 5_000, keepAlive: true }) })
}

const globalForPrisma = globalThis as unknown as { overstapPrisma?: Db }

/** The one Prisma client of this process. */
export const db: Db = globalForPrisma.overstapPrisma ?? create()
if (env.NODE_ENV !== 'production') globalForPrisma.overstapPrisma = db

/** A transaction client or the root client: services accept either. */
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
