import type { Db } from '../../server/db/client.ts'

/** Demo data for the slots domain. Must be idempotent: it runs on every `npm run demo`. */
export async function seedSlots(_db: Db): Promise<void> {}
