import type { Db } from '../../server/db/client.ts'

/** Demo data for the transitions domain. Must be idempotent: it runs on every `npm run demo`. */
export async function seedTransitions(_db: Db): Promise<void> {}
