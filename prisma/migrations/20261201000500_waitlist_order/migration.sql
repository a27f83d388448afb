-- The waiting list of a slot or a session is ordered by ("waitlistedAt", "id"), and waiting bookings of one unit are
-- written one transaction at a time (the advisory lock waitlist:<table>:<unit>, held until commit), so that order is
-- the commit order. But "waitlistedAt" has millisecond precision (TIMESTAMP(3)): two bookings waitlisted one after
-- the other within the same millisecond got the same time, the random id decided their order, and both were told the
-- same position (seen at 50 parallel bookings on a fast machine: 37 distinct positions for 40 waiting).
-- This trigger makes the time of a booking that joins the waiting list later than that of every booking waiting on
-- the same unit (the last one plus 1 ms when the clock has not moved on), for every writer: slot_book, the
-- registration, any later path. It runs after the participation rules (trigger names fire in alphabetical order),
-- which may turn a waiting booking into a reserved place.
CREATE FUNCTION "bookable_waitlist_order"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE
  v_last timestamp(3)\x3b
BEGIN
  IF NEW."status" <> ''WAITLISTED'' OR NEW."waitlistedAt" IS NULL THEN
    RETURN NEW\x3b
  END IF\x3b
  IF TG_OP = ''UPDATE'' AND OLD."status" = ''WAITLISTED'' AND OLD."waitlistedAt" IS NOT DISTINCT FROM NEW."waitlistedAt" THEN
    RETURN NEW\x3b
  END IF\x3b
  IF TG_TABLE_NAME = ''SlotBooking'' THEN
    SELECT max("waitlistedAt") INTO v_last FROM "SlotBooking" WHERE "slotId" = NEW."slotId" AND "status" = ''WAITLISTED'' AND "id" <> NEW."id"\x3b
  ELSE
    SELECT max("waitlistedAt") INTO v_last FROM "RegistrationSeat" WHERE "sessionId" = NEW."sessionId" AND "status" = ''WAITLISTED'' AND "id" <> NEW."id"\x3b
  END IF\x3b
  IF v_last IS NOT NULL AND NEW."waitlistedAt" <= v_last THEN
    NEW."waitlistedAt" := v_last + interval ''1 millisecond''\x3b
  END IF\x3b
  RETURN NEW\x3b
END\x3b';

CREATE TRIGGER "SlotBooking_waitlist_order" BEFORE INSERT OR UPDATE OF "status", "waitlistedAt" ON "SlotBooking"
  FOR EACH ROW EXECUTE FUNCTION "bookable_waitlist_order"();
CREATE TRIGGER "RegistrationSeat_waitlist_order" BEFORE INSERT OR UPDATE OF "status", "waitlistedAt" ON "RegistrationSeat"
  FOR EACH ROW EXECUTE FUNCTION "bookable_waitlist_order"();
