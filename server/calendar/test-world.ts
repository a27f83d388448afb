/**
 * The calendar tests' events: an event input of region A's school (the example every file starts from) and its
 * creation and publication through the API.
 */
import { callerFor } from '../test/helpers.ts'
import type { World } from '../test/world.ts'
import type { CreateEventInput } from './schema.ts'

type Example = Pick<CreateEventInput, 'startDate'> & Partial<CreateEventInput>

/**
 * A timed 'Open dag' of region A's school in region A for havo, 09:30–12:30 on `example.startDate` (ending the same
 * day), no description, school years or attachments: `example` is the file's example event, `over` a test's changes.
 */
export function schoolEventInput(w: World, example: Example, over: Partial<CreateEventInput> = {}): CreateEventInput {
  return {
    title: 'Open dag',
    description: '',
    type: 'OPEN_DAG',
    organiserIds: [w.a.school.id],
    regionIds: [w.a.region.id],
    audienceLevels: ['havo'],
    schoolYears: [],
    allDay: false,
    startTime: '09:30',
    endDate: example.startDate,
    endTime: '12:30',
    attachments: [],
    ...example,
    ...over,
  }
}

/** Creates the event as the coordinator of region A (or of `side`) and publishes it in its first region: its id. */
export async function publishedEvent(w: World, input: CreateEventInput, side: 'a' | 'b' = 'a') {
  const coord = await callerFor(w[side].coordinator.id)
  const { ids } = await coord.calendar.create(input)
  await coord.calendar.publish({ id: ids[0]!, regionId: input.regionIds[0]! })
  return ids[0]!
}
