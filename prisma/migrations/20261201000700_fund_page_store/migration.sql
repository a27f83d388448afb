-- Issue 17 (fund pages): the read pages of a grant (dashboard, settlement, accountability export) are stored as computed,
-- per grant, page and view, together with the data version of the grant they were computed from and the xmin of the SQL
-- functions that computed them (server/fund/page-store.ts). The version ("FundGrantVersion") is bumped by the triggers
-- below in the same transaction as every write that changes what a page shows, whoever writes (the app, a seed, a
-- cascade): the grant and its allocations, closed years, budget lines, payments, the reports, line boards and line
-- events of its lines, a linked calendar event (title, start, status), and the names and membership of its region,
-- penvoerder and boards. A stored page is only read back while its version is the current one of the grant and its code is
-- the current one of the functions, so a read after a commit never gets the page from before it, and a migration replacing
-- a page function makes every stored page stale. Semicolons of the bodies are written as \x3b (see 20261130133000).

-- CreateTable
CREATE TABLE "FundGrantVersion" (
    "grantId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FundGrantVersion_pkey" PRIMARY KEY ("grantId")
);

-- CreateTable
CREATE TABLE "FundPageStore" (
    "grantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "code" TEXT NOT NULL,
    "boards" JSON NOT NULL,
    "page" TEXT NOT NULL,
    "parts" JSON NOT NULL,
    "tags" JSON,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundPageStore_pkey" PRIMARY KEY ("grantId","key")
);

-- One more version for each of these grants that exists (NULL: every grant), in a fixed order: concurrent writers
-- lock the same rows in the same order.
CREATE FUNCTION "fund_grant_bump"(p_grants text[]) RETURNS void LANGUAGE sql AS
  E'INSERT INTO "FundGrantVersion" AS v ("grantId", "version")
  SELECT g."id", 1 FROM "FundGrant" g WHERE p_grants IS NULL OR g."id" = ANY(p_grants) ORDER BY 1
  ON CONFLICT ("grantId") DO UPDATE SET "version" = v."version" + 1';

-- A row of a table with the grant in a column (the trigger argument: id for FundGrant, else grantId), before and after.
-- A deleted grant takes its stored pages and its version along.
CREATE FUNCTION "fund_grant_row_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  IF TG_TABLE_NAME = ''FundGrant'' AND TG_OP = ''DELETE'' THEN
    DELETE FROM "FundPageStore" WHERE "grantId" = OLD."id"\x3b
    DELETE FROM "FundGrantVersion" WHERE "grantId" = OLD."id"\x3b
    RETURN NULL\x3b
  END IF\x3b
  PERFORM "fund_grant_bump"(ARRAY[
    CASE WHEN TG_OP <> ''INSERT'' THEN to_jsonb(OLD) ->> TG_ARGV[0] END,
    CASE WHEN TG_OP <> ''DELETE'' THEN to_jsonb(NEW) ->> TG_ARGV[0] END])\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "FundGrant_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundGrant"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_row_changed"('id');
CREATE TRIGGER "FundAllocation_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundAllocation"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_row_changed"('grantId');
CREATE TRIGGER "FundClosedYear_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundClosedYear"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_row_changed"('grantId');
CREATE TRIGGER "FundBudgetLine_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundBudgetLine"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_row_changed"('grantId');
CREATE TRIGGER "FundPayment_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundPayment"
  FOR EACH ROW EXECUTE FUNCTION "fund_grant_row_changed"('grantId');

-- A row of a table that belongs to a budget line (reports, line boards, line events): the grants of the lines.
CREATE FUNCTION "fund_line_row_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  PERFORM "fund_grant_bump"(ARRAY(SELECT l."grantId" FROM "FundBudgetLine" l WHERE l."id" IN (
    CASE WHEN TG_OP <> ''INSERT'' THEN OLD."budgetLineId" END,
    CASE WHEN TG_OP <> ''DELETE'' THEN NEW."budgetLineId" END)))\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "FundReport_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundReport"
  FOR EACH ROW EXECUTE FUNCTION "fund_line_row_changed"();
CREATE TRIGGER "FundBudgetLineBoard_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundBudgetLineBoard"
  FOR EACH ROW EXECUTE FUNCTION "fund_line_row_changed"();
CREATE TRIGGER "FundBudgetLineEvent_page_version" AFTER INSERT OR UPDATE OR DELETE ON "FundBudgetLineEvent"
  FOR EACH ROW EXECUTE FUNCTION "fund_line_row_changed"();

-- A calendar event linked to a budget line (the export lists it): its title, start or status changed.
CREATE FUNCTION "fund_event_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  PERFORM "fund_grant_bump"(ARRAY(SELECT l."grantId" FROM "FundBudgetLineEvent" le JOIN "FundBudgetLine" l ON l."id" = le."budgetLineId"
                                    WHERE le."eventId" = NEW."id"))\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "CalendarEvent_fund_page_version" AFTER UPDATE OF "title", "startsAt", "status" ON "CalendarEvent"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."startsAt" IS DISTINCT FROM NEW."startsAt" OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "fund_event_changed"();

-- Names and membership the pages show: a region (its name), an organisation (its name as penvoerder, its board), an
-- organisation joining or leaving a region (the region boards), a board (its name and number, wherever it is shown:
-- the boards of the regions it runs organisations in, and the grants it has lines, reports or payments in).
CREATE FUNCTION "fund_names_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'DECLARE
  r record\x3b
BEGIN
  IF TG_OP = ''DELETE'' THEN r := OLD\x3b ELSE r := NEW\x3b END IF\x3b
  IF TG_TABLE_NAME = ''Region'' THEN
    PERFORM "fund_grant_bump"(ARRAY(SELECT g."id" FROM "FundGrant" g WHERE g."regionId" = r."id"))\x3b
  ELSIF TG_TABLE_NAME = ''OrganisationRegion'' THEN
    PERFORM "fund_grant_bump"(ARRAY(SELECT g."id" FROM "FundGrant" g WHERE g."regionId" IN (
      CASE WHEN TG_OP <> ''INSERT'' THEN OLD."regionId" END, CASE WHEN TG_OP <> ''DELETE'' THEN NEW."regionId" END)))\x3b
  ELSIF TG_TABLE_NAME = ''Organisation'' THEN
    PERFORM "fund_grant_bump"(ARRAY(SELECT g."id" FROM "FundGrant" g WHERE g."penvoerderId" = r."id"
      OR g."regionId" IN (SELECT x."regionId" FROM "OrganisationRegion" x WHERE x."organisationId" = r."id")))\x3b
  ELSE
    PERFORM "fund_grant_bump"(ARRAY(
      SELECT g."id" FROM "FundGrant" g WHERE g."regionId" IN (
        SELECT x."regionId" FROM "OrganisationRegion" x JOIN "Organisation" o ON o."id" = x."organisationId" WHERE o."boardId" = r."id")
      UNION SELECT l."grantId" FROM "FundBudgetLineBoard" lb JOIN "FundBudgetLine" l ON l."id" = lb."budgetLineId" WHERE lb."boardId" = r."id"
      UNION SELECT l."grantId" FROM "FundReport" x JOIN "FundBudgetLine" l ON l."id" = x."budgetLineId" WHERE x."boardId" = r."id"
      UNION SELECT p."grantId" FROM "FundPayment" p WHERE p."boardId" = r."id"))\x3b
  END IF\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "Region_fund_page_version" AFTER UPDATE OF "name" ON "Region"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "fund_names_changed"();
CREATE TRIGGER "Organisation_fund_page_version" AFTER UPDATE OF "name", "boardId" ON "Organisation"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."boardId" IS DISTINCT FROM NEW."boardId") EXECUTE FUNCTION "fund_names_changed"();
CREATE TRIGGER "OrganisationRegion_fund_page_version" AFTER INSERT OR UPDATE OR DELETE ON "OrganisationRegion"
  FOR EACH ROW EXECUTE FUNCTION "fund_names_changed"();
CREATE TRIGGER "Board_fund_page_version" AFTER UPDATE OF "name", "number" OR DELETE ON "Board"
  FOR EACH ROW EXECUTE FUNCTION "fund_names_changed"();

-- TRUNCATE (no rows to follow): every grant gets a new version.
CREATE FUNCTION "fund_all_changed"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
  PERFORM "fund_grant_bump"(NULL)\x3b
  RETURN NULL\x3b
END';

CREATE TRIGGER "FundAllocation_page_version_truncate" AFTER TRUNCATE ON "FundAllocation" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundClosedYear_page_version_truncate" AFTER TRUNCATE ON "FundClosedYear" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundBudgetLine_page_version_truncate" AFTER TRUNCATE ON "FundBudgetLine" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundPayment_page_version_truncate" AFTER TRUNCATE ON "FundPayment" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundReport_page_version_truncate" AFTER TRUNCATE ON "FundReport" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundBudgetLineBoard_page_version_truncate" AFTER TRUNCATE ON "FundBudgetLineBoard" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "FundBudgetLineEvent_page_version_truncate" AFTER TRUNCATE ON "FundBudgetLineEvent" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "CalendarEvent_fund_page_version_truncate" AFTER TRUNCATE ON "CalendarEvent" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "OrganisationRegion_fund_page_version_truncate" AFTER TRUNCATE ON "OrganisationRegion" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "Organisation_fund_page_version_truncate" AFTER TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "Board_fund_page_version_truncate" AFTER TRUNCATE ON "Board" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
CREATE TRIGGER "Region_fund_page_version_truncate" AFTER TRUNCATE ON "Region" FOR EACH STATEMENT EXECUTE FUNCTION "fund_all_changed"();
