import type { Db } from '../../server/db/client.ts'

/** Demo data for the fund domain. Must be idempotent: it runs on every `npm run demo`. */
export async function seedFund(_db: Db): Promise<void> {}
