/**
 * The SQL twins of the slot rules (./slot-entries.ts), which the calendar views' one statement uses to write each
 * slot entry (./query-entries.ts), give what the JS rules give: the calendar audience of every set of slot levels and
 * the activity type of every sector. (The booking path is built from the entry's BRIN by slotEntryHref, in JS.)
 */
import { describe, expect, it } from 'vitest'
import { sqlOf } from '../db/client.ts'
import { db } from '../test/helpers.ts'
import { PUPIL_LEVELS } from '../slots/schema.ts'
import { audienceOfSlot, audienceOfSlotSql, slotEventType, slotEventTypeSql } from './slot-entries.ts'

const one = async <T>(sql: string, values: unknown[]) => (await sqlOf(db).query<{ v: T }>(sql, values)).rows[0]!.v

describe('slot rules in SQL', () => {
  it('audience: every level alone, pairs in both orders, repeats and the empty set', async () => {
    const sets: string[][] = [[], ...PUPIL_LEVELS.map((l) => [l]), ['MBO', 'MBO'], ['HAVO', 'VWO', 'HAVO'], ['OTHER', 'MBO', 'VMBO_BB']]
    for (const a of PUPIL_LEVELS) for (const b of PUPIL_LEVELS) if (a !== b) sets.push([a, b])
    const got = await one<string[][]>(`SELECT json_agg(${audienceOfSlotSql('x.l')} ORDER BY x.i) AS v FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY j(e, i), LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(j.e))::"PupilLevel"[] AS l, j.i) x`, [JSON.stringify(sets)])
    expect(got).toEqual(sets.map((s) => audienceOfSlot(s as (typeof PUPIL_LEVELS)[number][])))
  })

  it('type of each sector', async () => {
    for (const s of ['MBO', 'HBO', 'WO'] as const) expect(await one<string>(`SELECT ${slotEventTypeSql('$1::text')} AS v`, [s])).toBe(slotEventType(s))
  })
})
