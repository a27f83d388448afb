-- CHECK constraints make Prisma's WASM schema engine crash while diffing (npm run db:drift: "RuntimeError:
-- unreachable"), as with the fund's amounts (20261128192925_fund_amount_guards). The same guards as triggers: a
-- score is 1–4, a criterion has exactly four level descriptors in each language.
-- (Prisma splits migrations at every semicolon, so the function bodies write theirs as the escape \x3b.)
ALTER TABLE "MonitorScore" DROP CONSTRAINT "MonitorScore_score_check";
ALTER TABLE "MonitorCriterion" DROP CONSTRAINT "MonitorCriterion_levels_check";

CREATE FUNCTION "monitor_score_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."score" < 1 OR NEW."score" > 4 THEN RAISE EXCEPTION ''monitor: score % outside 1-4'', NEW."score" USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "MonitorScore_score_guard" BEFORE INSERT OR UPDATE ON "MonitorScore"
  FOR EACH ROW EXECUTE FUNCTION "monitor_score_guard"();

CREATE FUNCTION "monitor_levels_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF coalesce(cardinality(NEW."levelsNl"), 0) <> 4 OR coalesce(cardinality(NEW."levelsEn"), 0) <> 4 THEN RAISE EXCEPTION ''monitor: a criterion needs four level descriptors per language'' USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "MonitorCriterion_levels_guard" BEFORE INSERT OR UPDATE ON "MonitorCriterion"
  FOR EACH ROW EXECUTE FUNCTION "monitor_levels_guard"();
