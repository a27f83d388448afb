import { inject } from 'vitest'

// Point every test file (and the Prisma singleton it imports) at the migrated test database.
process.env.DATABASE_URL = inject('databaseUrl')
