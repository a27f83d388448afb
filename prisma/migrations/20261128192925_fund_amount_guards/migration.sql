-- The CHECK constraints of the fund_grants_reports migration make Prisma's WASM schema engine crash while diffing
-- (npm run db:drift). The same guards as triggers: amounts are non-negative cents, a report's amount is positive.
-- (Prisma splits migrations at every semicolon, so the function bodies write theirs as the escape \x3b.)
ALTER TABLE "FundAllocation" DROP CONSTRAINT "FundAllocation_amount_check";
ALTER TABLE "FundBudgetLine" DROP CONSTRAINT "FundBudgetLine_amount_check";
ALTER TABLE "FundReport" DROP CONSTRAINT "FundReport_amounts_check";
ALTER TABLE "FundGrant" DROP CONSTRAINT "FundGrant_cofinancing_check";

CREATE FUNCTION "fund_amount_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."amountCents" < 0 THEN RAISE EXCEPTION ''fund: negative amount on %'', TG_TABLE_NAME USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "FundAllocation_amount_guard" BEFORE INSERT OR UPDATE ON "FundAllocation"
  FOR EACH ROW EXECUTE FUNCTION "fund_amount_guard"();
CREATE TRIGGER "FundBudgetLine_amount_guard" BEFORE INSERT OR UPDATE ON "FundBudgetLine"
  FOR EACH ROW EXECUTE FUNCTION "fund_amount_guard"();

CREATE FUNCTION "fund_report_amount_guard"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."amountCents" <= 0 OR NEW."coFinancedCents" < 0 THEN RAISE EXCEPTION ''fund: report amounts must be positive cents'' USING ERRCODE = ''check_violation''\x3b END IF\x3b RETURN NEW\x3b END\x3b';
CREATE TRIGGER "FundReport_amount_guard" BEFORE INSERT OR UPDATE ON "FundReport"
  FOR EACH ROW EXECUTE FUNCTION "fund_report_amount_guard"();
