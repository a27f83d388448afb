-- The CHECK constraint of the slots_booking migration makes Prisma's WASM schema engine crash while diffing
-- (npm run db:drift / db:migrate:new). The same guarantee as a trigger, which Prisma ignores: the number of
-- places taken can never exceed the capacity (nor drop below zero), whatever code path writes the row.
ALTER TABLE "Slot" DROP CONSTRAINT "Slot_capacity_check";
CREATE FUNCTION "slot_capacity_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."confirmedCount" < 0 OR NEW."confirmedCount" > NEW."capacity" THEN RAISE EXCEPTION ''Slot % over capacity (% of %)'', NEW."id", NEW."confirmedCount", NEW."capacity" USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "Slot_capacity_guard" BEFORE INSERT OR UPDATE OF "confirmedCount", "capacity" ON "Slot"
  FOR EACH ROW EXECUTE FUNCTION "slot_capacity_guard"();
