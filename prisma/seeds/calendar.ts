import type { Db } from '../../server/db/client.ts'

/** Demo data for the calendar domain. Must be idempotent: it runs on every `npm run demo`. */
export async function seedCalendar(_db: Db): Promise<void> {}
