-- slot_book_read also returns the institution's purge period ("purgeAfterDays", NULL without a settings row), so the
-- booking's mail (the outbox template the worker renders) states the real period after which the pupil's data is
-- deleted instead of "after the day". One column more at the end, otherwise the same columns and rows. A function's
-- result type cannot be changed in place: dropped and created again (BOOK_READ selects *, so an older process keeps
-- working with the new function).
DROP FUNCTION "slot_book_read"(text, text);
CREATE FUNCTION "slot_book_read"(p_slot text, p_school text)
RETURNS TABLE (
  "id" text, "organisationId" text, "programmeId" text, "status" text,
  "startsAt" timestamptz, "endsAt" timestamptz, "location" text, "bookingOpensAt" timestamptz, "bookingClosesAt" timestamptz,
  "audienceLevels" text[], "questions" jsonb, "programmeName" text, "archived" boolean, "organisationName" text,
  "hasSettings" boolean, "maxActiveBookings" integer, "limitScope" text, "limitPeriodDays" integer,
  "pendingHoldMinutes" integer, "maxPerSlotPerDomain" integer, "schoolId" text, "purgeAfterDays" integer
) LANGUAGE plpgsql STABLE AS
  E'#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s."id", s."organisationId", s."programmeId", s."status"::text,
         s."startsAt" AT TIME ZONE ''UTC'', s."endsAt" AT TIME ZONE ''UTC'', s."location",
         s."bookingOpensAt" AT TIME ZONE ''UTC'', s."bookingClosesAt" AT TIME ZONE ''UTC'', s."audienceLevels"::text[], s."questions",
         p."name", p."archivedAt" IS NOT NULL, o."name",
         st."organisationId" IS NOT NULL, st."maxActiveBookings", st."limitScope"::text, st."limitPeriodDays",
         st."pendingHoldMinutes", st."maxPerSlotPerDomain",
         (SELECT sc."id" FROM "Organisation" sc WHERE sc."id" = p_school AND sc."sector" = ''VO''
            AND EXISTS (SELECT 1 FROM "OrganisationRegion" a JOIN "OrganisationRegion" r ON r."regionId" = a."regionId"
                        WHERE a."organisationId" = sc."id" AND r."organisationId" = s."organisationId")),
         st."purgeAfterDays"
  FROM "Slot" s JOIN "SlotProgramme" p ON p."id" = s."programmeId" JOIN "Organisation" o ON o."id" = s."organisationId"
  LEFT JOIN "SlotSettings" st ON st."organisationId" = s."organisationId"
  WHERE s."id" = p_slot\x3b
END\x3b';
