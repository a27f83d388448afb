-- The CHECK ("endsAt" > "startsAt") of the calendar_events migration makes Prisma's WASM schema engine crash while
-- diffing (npm run db:drift). End-after-start is enforced by the schema (zod) and the service instead.
ALTER TABLE "CalendarEvent" DROP CONSTRAINT "CalendarEvent_endsAt_after_startsAt";
